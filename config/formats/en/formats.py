"""English date formats (FORMAT_MODULE_PATH) for a German authority's portal: British order,
"2 January 2027", "2 January 2027, 14:30", "02/01/2027"; times on the 24-hour German clock
(Django's defaults would say "Jan. 2, 2027, 2:30 p.m." and "01/02/2027")."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
