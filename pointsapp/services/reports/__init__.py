"""报表: the dashboard's figures and the township's monthly report, trends and inspection completion."""
