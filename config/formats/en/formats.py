"""English date formats (FORMAT_MODULE_PATH) for a German authority's portal: British order,
"2 January 2027", "2 January 2027, 14:30", "02/01/2027"; times on the 24-hour German clock
(Django's defaults would say "Jan. 2, 2027, 2:30 p.m." and "01/02/2027")."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
# Input in the same day-first order as the output (Django's English would read 02/01 as 1 Feb).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M",
                          "%d.%m.%Y %H:%M"]
