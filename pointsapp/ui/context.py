"""What a page or dialog needs from the application, passed to its constructor."""
from __future__ import annotations

from dataclasses import dataclass

from pointsapp.services.auth import Actor, Permission
from pointsapp.ui.signals import ChangeHub


@dataclass
class UiContext:
    actor: Actor
    hub: ChangeHub
    db_description: str

    def can(self, permission: Permission) -> bool:
        return self.actor.can(permission)
