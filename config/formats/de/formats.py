"""German date formats (FORMAT_MODULE_PATH): "2. Januar 2027", "2. Januar 2027, 14:30"; times
on the 24-hour clock, as on every page of the portal."""

DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y, H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
