"""The data model (peewee), named after the glossary in ``shared/design/domain.md``."""
from pointsapp.models.base import BaseModel, database, now
from pointsapp.models.claims import (
    Claim, ClaimEvidence, ClaimPolicy, MeetingAttendee, MeetingDecision, ReviewMeeting,
)
from pointsapp.models.dashboard_kept import HouseholdMonth, LotOnHand, VillageStars
from pointsapp.models.events import Event, EventAttendance
from pointsapp.models.household_year import HouseholdStars, HouseholdYear
from pointsapp.models.ledger import (
    Batch, EntryKind, EntryStatus, Evidence, ExpiryRun, HouseholdBalance, LedgerEntry, Notice, Objection,
    PublishedFingerprint,
)
from pointsapp.models.org import Grid, Group, Household, HouseholdTag, Member, Tag, Township, Village
from pointsapp.models.rules import Category, Rule
from pointsapp.models.signing import SignedWrite, SigningHead, SigningKey
from pointsapp.models.shop import Card, Product, Redemption, RedemptionLine, StockMove, Stocktake, StocktakeLine
from pointsapp.models.shop_policy import DrawerCount, ShopPolicy
from pointsapp.models.stars import Star, StarAward, StarEvaluation, StarProposal
from pointsapp.models.users import AuditLog, Setting, User

ALL_MODELS = [
    Township, Village, Group, Grid, Household, Member, Tag, HouseholdTag,
    User, AuditLog, Setting, Category, Rule,
    Batch, Notice, LedgerEntry, Evidence, HouseholdBalance, Objection, ExpiryRun,
    Product, Redemption, RedemptionLine, Stocktake, StockMove, StocktakeLine, Card,
    ShopPolicy, DrawerCount,
    Star, StarEvaluation, StarProposal, StarAward, PublishedFingerprint,
    Event, EventAttendance, ClaimPolicy, ReviewMeeting, MeetingAttendee, Claim, ClaimEvidence, MeetingDecision,
    SigningKey, SignedWrite, SigningHead,
]

# HouseholdYear, HouseholdStars, HouseholdMonth, VillageStars and LotOnHand are kept by the database's triggers
# (never written by the app): not in ALL_MODELS, which a copy into another database copies row by row (the target's
# triggers make them again)
__all__ = [m.__name__ for m in ALL_MODELS] + ["ALL_MODELS", "BaseModel", "EntryKind", "EntryStatus", "HouseholdMonth",
                                              "HouseholdStars", "HouseholdYear", "LotOnHand", "VillageStars",
                                              "database", "now"]
