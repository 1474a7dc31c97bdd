"""What a page shows, each drawn from data by a template of overrides/components/."""
