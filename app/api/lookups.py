"""Lookups the way people write: a unit by an everyday short form (昌吉州社保中心) or a former name,
a 发文字号 with any bracket, spaces, without 号, or a policy by its title however it is quoted; a
region by its short name. What is not there answers null with an error coded NOT_FOUND, never a
look-alike."""

from __future__ import annotations

from typing import TypeVar

from app.api.errors import ClientError
from app.api.types import Info, Policy, Region, Unit
from app.api.types.places import region_named
from vocab.policies import lookup_doc_number, title_key
from vocab.resolve import normalise_name, region_short_names, unit_key, unit_name_variants

T = TypeVar("T")


def found(value: T | None, message: str) -> T | None:
    """``value``, or a NOT_FOUND error (the field answers null) when there is none."""
    if value is None:
        raise ClientError(message, code="NOT_FOUND")
    return value


async def unit(info: Info, name: str) -> Unit | None:
    """By the name asked, a short form or a former name: an index seek on the unit keys of its forms."""
    names = unit_name_variants(name)
    rows = await info.context.store.read(
        "unit_by_name", {"names": names, "keys": list(dict.fromkeys(map(unit_key, names)))})
    return Unit.of(rows[0]["item"]) if rows else None


async def policy(info: Info, text: str) -> Policy | None:
    """By 发文字号 as typed, else by title (《社会保险法》 finds the policy cited as 中华人民共和国社会保险法)."""
    number = lookup_doc_number(text)
    key = number if number is not None else f"title:{title_key(text)}"
    row = await info.context.loaders["policies_by_key"].one(key)
    return Policy.of(row) if row else None


async def region(info: Info, name: str) -> Region | None:
    typed = normalise_name(name)
    return await region_named(info, region_short_names().get(typed, typed))
