"""Python enrichment assets. Each reads warehouse tables built by dbt, computes with a
plain function of scv.enrichment (unit-tested there), writes one table in the
`enrichment` schema and reports row counts and model fit figures as metadata. dbt reads
those tables as the `enrichment` source (models/marts/customer/customer_enrichment.sql)."""

import datetime as dt

import dagster as dg
import duckdb
import numpy as np
import pyarrow as pa

from orchestration.resources import Warehouse
from scv.enrichment import churn, clv, contacts, sentiment

GROUP = "enrichment"
HOLDOUT_DAYS = 180
HORIZON_DAYS = 365


def write_table(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> int:
    con.execute("create schema if not exists enrichment")
    con.register("incoming", table)
    con.execute(f"create or replace table enrichment.{name} as select * from incoming")
    con.unregister("incoming")
    return table.num_rows


def purchase_histories(
    con: duckdb.DuckDBPyConnection, until: dt.date
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per buyer up to `until` (days, one purchase per day at most): ids, repeat purchases
    x, recency t_x, age T and mean value of the repeat purchases."""
    rows = con.execute(
        """
        with days as (
            select customer_id, cast(occurred_at as date) as day, sum(amount) as value
            from intermediate.int_customer_interactions
            where is_purchase and cast(occurred_at as date) <= ?
            group by all
        ),
        numbered as (
            select *, row_number() over (partition by customer_id order by day) as n
            from days
        )
        select
            customer_id,
            count(*) - 1 as x,
            date_diff('day', min(day), max(day)) as t_x,
            date_diff('day', min(day), cast(? as date)) as age,
            coalesce(avg(case when n > 1 then value end), 0) as repeat_value
        from numbered
        group by customer_id
        order by customer_id
        """,
        [until, until],
    ).fetchall()
    ids = [r[0] for r in rows]
    x, t_x, age, value = (np.array([r[i] for r in rows], dtype=float) for i in range(1, 5))
    return ids, x, t_x, age, value


def as_of_date(con: duckdb.DuckDBPyConnection) -> dt.date:
    return con.execute(
        "select max(cast(occurred_at as date)) from intermediate.int_customer_interactions"
    ).fetchall()[0][0]


@dg.asset(
    key=["enrichment", "customer_lifetime_value"],
    group_name=GROUP,
    deps=[dg.AssetKey(["intermediate", "int_customer_interactions"])],
    kinds={"python", "scipy", "duckdb"},
)
def customer_lifetime_value(
    context: dg.AssetExecutionContext, warehouse: Warehouse
) -> dg.MaterializeResult:
    """Expected purchases, probability of being active and 365-day value per buyer: BG/NBD
    for purchase counts, Gamma-Gamma for order values. Holdout check: fitted on history up
    to 180 days before the latest data, predicted purchases in those 180 days are compared
    with what happened."""
    with warehouse.connect() as con:
        as_of = as_of_date(con)
        cutoff = as_of - dt.timedelta(days=HOLDOUT_DAYS)
        ids_c, x_c, tx_c, age_c, _ = purchase_histories(con, cutoff)
        calibration = clv.fit_bgnbd(x_c, tx_c, age_c)
        predicted = calibration.expected_purchases(HOLDOUT_DAYS, x_c, tx_c, age_c)
        ids, x, t_x, age, value = purchase_histories(con, as_of)
        position = {cid: i for i, cid in enumerate(ids)}
        actual = np.array([x[position[c]] - x_c[i] for i, c in enumerate(ids_c)])
        model = clv.fit_bgnbd(x, t_x, age)
        spend = clv.fit_gamma_gamma(x, value)
        p_alive = model.p_alive(x, t_x, age)
        purchases = model.expected_purchases(HORIZON_DAYS, x, t_x, age)
        order_value = spend.expected_value(x, value)
        table = pa.table(
            {
                "customer_id": ids,
                "repeat_purchases": x.astype(int),
                "recency_days": t_x.astype(int),
                "age_days": age.astype(int),
                "p_alive": np.round(p_alive, 4),
                "expected_purchases_365d": np.round(purchases, 4),
                "expected_order_value": np.round(order_value, 2),
                "clv_365d": np.round(purchases * order_value, 2),
                "as_of_date": [as_of] * len(ids),
            }
        )
        rows = write_table(con, "customer_lifetime_value", table)
    mae = float(np.mean(np.abs(predicted - actual)))
    naive = float(np.mean(np.abs(actual - np.mean(actual))))
    context.log.info(f"BG/NBD {model}; Gamma-Gamma {spend}")
    return dg.MaterializeResult(
        metadata={
            "rows": rows,
            "as_of_date": str(as_of),
            "bgnbd_r": float(model.r),
            "bgnbd_alpha": float(model.alpha),
            "bgnbd_a": float(model.a),
            "bgnbd_b": float(model.b),
            "gamma_gamma_p": float(spend.p),
            "gamma_gamma_q": float(spend.q),
            "gamma_gamma_gamma": float(spend.gamma),
            "holdout_days": HOLDOUT_DAYS,
            "holdout_customers": len(ids_c),
            "holdout_actual_purchases": float(actual.sum()),
            "holdout_predicted_purchases": round(float(predicted.sum()), 1),
            "holdout_mae_per_customer": round(mae, 4),
            "holdout_mae_of_mean_guess": round(naive, 4),
        }
    )


def churn_features(con: duckdb.DuckDBPyConnection, at: dt.date) -> tuple[list[str], np.ndarray]:
    """Behavior of every buyer up to day `at`, in churn.FEATURES order."""
    rows = con.execute(
        """
        with history as (
            select * from intermediate.int_customer_interactions
            where cast(occurred_at as date) <= ?
        ),
        buyers as (
            select customer_id from history where is_purchase group by customer_id
        )
        select
            history.customer_id,
            date_diff('day', max(case when is_purchase then cast(occurred_at as date) end),
                cast(? as date)),
            count(*) filter (where is_purchase),
            coalesce(sum(amount) filter (where is_purchase), 0),
            date_diff('day', min(cast(occurred_at as date)), cast(? as date)),
            count(*) filter (where interaction_type = 'support_ticket'),
            count(*) filter (where interaction_type = 'email_open'),
            count(*) filter (where interaction_type = 'email_click'),
            count(*) filter (where interaction_type like 'web_%'),
            count(*) filter (where interaction_type = 'social_post')
        from history
        inner join buyers using (customer_id)
        group by history.customer_id
        order by history.customer_id
        """,
        [at, at, at],
    ).fetchall()
    return [r[0] for r in rows], np.array([r[1:] for r in rows], dtype=float)


@dg.asset(
    key=["enrichment", "churn_scores"],
    group_name=GROUP,
    deps=[dg.AssetKey(["intermediate", "int_customer_interactions"])],
    kinds={"python", "scikitlearn", "duckdb"},
)
def churn_scores(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    """Churn probability per buyer: a gradient-boosted classifier learns, from buyers'
    behavior up to 180 days before the latest data, who made no purchase in those 180
    days; it then scores every buyer's behavior today. Holdout AUC in the metadata."""
    with warehouse.connect() as con:
        as_of = as_of_date(con)
        cutoff = as_of - dt.timedelta(days=HOLDOUT_DAYS)
        train_ids, train_x = churn_features(con, cutoff)
        later_buyers = {
            r[0]
            for r in con.execute(
                "select distinct customer_id from intermediate.int_customer_interactions "
                "where is_purchase and cast(occurred_at as date) > ?",
                [cutoff],
            ).fetchall()
        }
        labels = [cid not in later_buyers for cid in train_ids]
        model = churn.train_churn_model(train_x, labels)
        ids, features = churn_features(con, as_of)
        probability = model.score(features)
        table = pa.table(
            {
                "customer_id": ids,
                "churn_probability": np.round(probability, 4),
                "as_of_date": [as_of] * len(ids),
            }
        )
        rows = write_table(con, "churn_scores", table)
    context.log.info(f"churn model holdout AUC {model.holdout_auc:.3f}")
    return dg.MaterializeResult(
        metadata={
            "rows": rows,
            "holdout_auc": round(model.holdout_auc, 4),
            "training_rows": model.training_rows,
            "training_churn_rate": round(model.churn_rate, 4),
            "features": ", ".join(churn.FEATURES),
        }
    )


@dg.asset(
    key=["enrichment", "social_sentiment"],
    group_name=GROUP,
    deps=[
        dg.AssetKey(["staging", "stg_social__posts"]),
        dg.AssetKey(["marts", "customer_source_records"]),
    ],
    kinds={"python", "duckdb"},
)
def social_sentiment(
    context: dg.AssetExecutionContext, warehouse: Warehouse
) -> dg.MaterializeResult:
    """Sentiment of every social post (VADER, offline), with the author's customer_id."""
    with warehouse.connect() as con:
        rows = con.execute("""
            select posts.social_post_id, xref.customer_id, posts.posted_at, posts.post_text
            from staging.stg_social__posts as posts
            left join marts.customer_source_records as xref
                on xref.person_record_id = concat('social:profiles:', posts.social_profile_id)
            order by posts.social_post_id
        """).fetchall()
        scores = sentiment.score_texts(r[3] for r in rows)
        table = pa.table(
            {
                "social_post_id": [r[0] for r in rows],
                "customer_id": [r[1] for r in rows],
                "posted_at": [r[2] for r in rows],
                "sentiment_score": [s.compound for s in scores],
                "sentiment_label": [s.label for s in scores],
            }
        )
        written = write_table(con, "social_sentiment", table)
    labels = [s.label for s in scores]
    return dg.MaterializeResult(
        metadata={
            "rows": written,
            "positive": labels.count("positive"),
            "neutral": labels.count("neutral"),
            "negative": labels.count("negative"),
        }
    )


@dg.asset(
    key=["enrichment", "contact_validation"],
    group_name=GROUP,
    deps=[dg.AssetKey(["marts", "customer_contact_points"])],
    kinds={"python", "duckdb"},
)
def contact_validation(
    context: dg.AssetExecutionContext, warehouse: Warehouse
) -> dg.MaterializeResult:
    """Every contact point checked in Python: phones against libphonenumber's number plans
    (valid, mobile or fixed line, region), emails with email-validator (syntax, no network)."""
    with warehouse.connect() as con:
        rows = con.execute("""
            select contact_point_id, customer_id, channel, contact_value
            from marts.customer_contact_points order by contact_point_id
        """).fetchall()
        out: dict[str, list] = {
            k: []
            for k in (
                "contact_point_id",
                "customer_id",
                "channel",
                "is_valid",
                "phone_type",
                "phone_region",
                "email_normalized",
                "invalid_reason",
            )
        }
        for point_id, customer_id, channel, value in rows:
            if channel == "phone":
                phone = contacts.check_phone(value)
                valid, kind, region, normalized, reason = (
                    phone.is_valid,
                    phone.phone_type,
                    phone.region,
                    None,
                    phone.reason,
                )
            else:
                email = contacts.check_email(value)
                valid, kind, region, normalized, reason = (
                    email.is_valid,
                    None,
                    None,
                    email.normalized,
                    email.reason,
                )
            for key, item in zip(
                out,
                (point_id, customer_id, channel, valid, kind, region, normalized, reason),
                strict=True,
            ):
                out[key].append(item)
        written = write_table(con, "contact_validation", pa.table(out))
    invalid = out["is_valid"].count(False)
    return dg.MaterializeResult(
        metadata={"rows": written, "invalid": invalid, "valid": written - invalid}
    )


ENRICHMENT_ASSETS = [customer_lifetime_value, churn_scores, social_sentiment, contact_validation]
