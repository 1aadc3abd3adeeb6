"""HTTP routes for invoices and plan changes."""

from fastapi import APIRouter, HTTPException

from src.billing.plans import get_plan
from src.billing.stripe_webhooks import router as webhooks_router

router = APIRouter()
router.include_router(webhooks_router)


@router.get("/plans/{code}")
def plan_details(code: str) -> dict:
    try:
        plan = get_plan(code)
    except ValueError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    return {"code": plan.code, "name": plan.name, "monthly_price": str(plan.monthly_price)}
