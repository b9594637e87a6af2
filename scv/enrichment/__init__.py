"""Python enrichment: plain functions (unit-tested) behind the Dagster enrichment assets:
lifetime value (BG/NBD + Gamma-Gamma), churn propensity, social sentiment, contact
validation."""
