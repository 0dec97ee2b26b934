"""PDF output with reportlab: the assessment report, label and sign sheets, fonts. No Qt."""
