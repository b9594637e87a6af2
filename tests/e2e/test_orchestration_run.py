"""The whole asset graph materialized in process by Dagster on the e2e demo: every asset
was materialized, the enrichment tables hold sensible values and reached the marts, and
the model-fit figures are in the asset metadata."""

from __future__ import annotations

import dagster as dg
import pytest

from orchestration.definitions import defs

pytestmark = pytest.mark.e2e


def materializations(result: dg.ExecuteInProcessResult) -> dict[str, dict]:
    found = {}
    for event in result.all_events:
        if event.event_type_value == "ASSET_MATERIALIZATION":
            materialization = event.event_specific_data.materialization
            found[materialization.asset_key.to_user_string()] = {
                k: v.value for k, v in materialization.metadata.items()
            }
    return found


def test_every_asset_of_the_graph_was_materialized(pipeline) -> None:
    _paths, _con, result = pipeline
    done = set(materializations(result))
    expected = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    assert expected <= done, sorted(expected - done)[:10]


def test_enrichment_metadata_reports_model_fit(pipeline) -> None:
    _paths, _con, result = pipeline
    found = materializations(result)
    lifetime = found["enrichment/customer_lifetime_value"]
    assert lifetime["rows"] > 100
    assert all(lifetime[k] > 0 for k in ("bgnbd_r", "bgnbd_alpha", "bgnbd_a", "bgnbd_b"))
    # the model beats guessing every buyer's mean on the holdout period
    assert lifetime["holdout_mae_per_customer"] < lifetime["holdout_mae_of_mean_guess"]
    assert 0.5 < found["enrichment/churn_scores"]["holdout_auc"] <= 1.0
    sentiment = found["enrichment/social_sentiment"]
    assert min(sentiment["positive"], sentiment["negative"]) > 0
    assert found["enrichment/contact_validation"]["rows"] > 0


def test_enrichment_columns_reach_the_marts(pipeline) -> None:
    _paths, con, _result = pipeline
    customers, enriched, buyers, scored, posts = con.execute("""
        select
            (select count(*) from marts.customers),
            (select count(*) from marts.customer_enrichment),
            (select count(*) from marts.customers where purchase_count > 0),
            (select count(*) from marts.customer_enrichment
                where clv_365d is not null and churn_probability between 0 and 1
                    and p_alive between 0 and 1),
            (select sum(social_posts) from marts.customer_enrichment)
    """).fetchall()[0]
    assert enriched == customers
    assert scored == buyers  # every buyer has a lifetime value and a churn score
    assert posts > 0
    # buyers who bought recently are less likely to churn than long-lapsed ones
    recent, lapsed = con.execute("""
        select
            avg(e.churn_probability) filter (
                where c.last_purchase_at >= c.lifecycle_as_of_date - interval 90 day),
            avg(e.churn_probability) filter (
                where c.last_purchase_at < c.lifecycle_as_of_date - interval 365 day)
        from marts.customers as c
        inner join marts.customer_enrichment as e using (customer_id)
    """).fetchall()[0]
    assert recent < lapsed
