from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Installed only for its management commands (load_demo_content, load_demo_reach,
    load_demo_reviews, create_demo_admin); it has no models."""

    name = "demo"
    verbose_name = "Demo content"
