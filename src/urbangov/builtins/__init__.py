"""urbangov's own plugins. They use only the public hooks, as any plugin would."""
