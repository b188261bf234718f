"""Test-suite settings shared by every test package."""

from hypothesis import settings

# The machine is shared and the first call into a year builds that year's calendar
# table: per-example deadlines would only measure the noise.
settings.register_profile("urbangov", deadline=None)
settings.load_profile("urbangov")
