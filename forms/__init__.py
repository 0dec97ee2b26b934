"""The form definitions (data, no code): installed as the package ``alassess.forms.defs``."""
