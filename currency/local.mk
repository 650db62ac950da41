# currency/: ISO 4217, exact money, ECB rates, conversion, business-day calendars.
