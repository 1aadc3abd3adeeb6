"""Renders notification emails from templates."""

from jinja2 import Environment, PackageLoader, select_autoescape

_env = Environment(loader=PackageLoader("src.notifications", "templates"), autoescape=select_autoescape())


def render(template: str, **context: object) -> tuple[str, str]:
    """Returns (subject, html body)."""
    tpl = _env.get_template(f"{template}.html")
    subject = tpl.module.subject if hasattr(tpl.module, "subject") else template.replace("_", " ").title()
    return str(subject), tpl.render(**context)
