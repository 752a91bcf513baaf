"""Database-free Simalto computations (no Odoo import here: tests load it directly)."""
