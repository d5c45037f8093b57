"""Phone numbers: stored normalised (E.164), shown in the national format.

A number that cannot be parsed is kept as typed and flagged (``e164`` None), never
dropped. Numbers without a country code are read in the handbook's home country.
"""

from __future__ import annotations

import functools
from functools import lru_cache

import phonenumbers

# Parsing and formatting cost about a millisecond per number: lists of thousands of
# contacts are shown again after every change, so results are remembered (both
# functions are pure).
_CACHE_SIZE = 65_536


@lru_cache(maxsize=_CACHE_SIZE)
def normalise(value: str, country: str) -> str | None:
    """The E.164 form of ``value`` (e.g. +31201234567), or None when it is not a number."""
    text = value.strip()
    if not text:
        return None
    try:
        number = phonenumbers.parse(text, country.upper() or None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


@lru_cache(maxsize=_CACHE_SIZE)
def display(e164: str | None, typed: str, country: str) -> str:
    """National format for numbers of the home country, international for others."""
    if not e164:
        return typed
    number = phonenumbers.parse(e164, None)
    home = phonenumbers.country_code_for_region(country.upper())
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == home
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return str(phonenumbers.format_number(number, fmt))


def known_region(code: str) -> bool:
    """Whether ``code`` (e.g. NL, BE) is a country or region phonenumbers knows."""
    return code.strip().upper() in phonenumbers.SUPPORTED_REGIONS


def known_regions() -> list[str]:
    """Every region code phonenumbers can read numbers of, sorted."""
    return sorted(phonenumbers.SUPPORTED_REGIONS)


@functools.cache
def _calling_codes() -> dict[str, int]:
    # Read from phonenumbers' code-to-regions table: asking per region would load the
    # metadata of all ~245 regions (a quarter of a second) just to list them.
    return {
        region: code
        for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()
        for region in regions
    }


def calling_code(code: str) -> int:
    """The international calling code of a region (NL -> 31); 0 when unknown."""
    return _calling_codes().get(code.strip().upper(), 0)
