"""urbangov."""
