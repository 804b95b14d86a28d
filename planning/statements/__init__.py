"""Statements (Stellungnahmen): submission rules, attachments, reference numbers, receipts."""
