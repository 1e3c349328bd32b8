"""English dates as the site writes them: "1 December 2026". Spanish keeps Django's own
formats ("1 de diciembre de 2026"). Templates name the format, ``|date:"DATE_FORMAT"``."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
