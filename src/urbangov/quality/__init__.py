"""Is the plan sound? Schedule-quality checks (the DCMA 14-point assessment)."""

from __future__ import annotations

from urbangov.quality._dcma import QualityCheck, QualityReport, assess_quality

__all__ = ["QualityCheck", "QualityReport", "assess_quality"]
