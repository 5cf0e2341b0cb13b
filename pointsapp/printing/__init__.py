"""PDFs (reportlab): they read from services and never write to the database."""
