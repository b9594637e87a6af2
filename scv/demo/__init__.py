"""Deterministic generator of messy, multi-source demo data with ground truth."""
