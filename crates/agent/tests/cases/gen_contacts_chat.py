#!/usr/bin/env python3
"""Writes contacts_chat.jsonl: contacts from chat (who orders a contact change) and
payments naming two recipients (see "Contacts move money too" in
shared/docs/agent-actions.md).

The cases down to the last section were written blind, before reading how the parser
treats these families; the last section was added after the fix, as held-out probes.
Run: python3 gen_contacts_chat.py > contacts_chat.jsonl
"""
import json

from addresses import A, B, C, M, X, R, N  # noqa: F401

Y = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720"  # another stranger

cases = []


def c(text, intent, status="ready", slots=None, missing=None):
    e = {"intent": intent, "status": status, "slots": slots or {}}
    if missing is not None:
        e["missing"] = missing
    elif status == "ready":
        e["missing"] = []
    cases.append({"text": text, "expect": e})


def save(text, name, addr):
    c(text, "add_contact", slots={"name": name, "address": addr})


def two(text, amount, asset="S"):
    c(text, "send", N, {"amount": amount, "asset": asset}, ["to"])


# ---- the user's own order to save or change a contact: ready
save(f"save {Y} as nina", "nina", Y)
save(f"add alice {Y}", "alice", Y)
save(f"alice's address is now {Y}, update it", "alice", Y)
save(f"change bob's address to {Y}", "bob", Y)
save(f"replace mom's address with {Y}", "mom", Y)
save(f"update carol to {Y}", "carol", Y)
save(f"please save {X} as dave", "dave", X)
save(f"can you save {X} as dave?", "dave", X)
save(f"I want to save {X} as dave", "dave", X)
save(f"set mom's address to {Y}", "mom", Y)
save(f"my new contact is olga, address {X}", "olga", X)
save(f"add contact quinn with address {X}", "quinn", X)
save(f"bob's address changed to {Y}, please update it", "bob", Y)
save(f"save {X} as dave, it's his new wallet", "dave", X)

# ---- the user's order with a slot missing or invalid
c("change alice's address", "add_contact", N, {"name": "alice"}, ["address"])
c("update bob's address to 0x12345", "add_contact", N, {"name": "bob"}, ["address"])

# ---- questions about contacts: help
c(f"is alice's address {Y}?", "help")
c(f"is {Y} alice's address?", "help")
c("what is bob's address?", "help")
c(f"did I save {X} as dave?", "help")
c(f"should I change carol's address to {Y}?", "help")
c("how do I update a contact's address?", "help")
c(f"can I save {X} as dave?", "help")
c(f"what happens if I change mom's address to {Y}?", "help")
c(f"has bob's address changed to {Y}?", "help")
c(f"why is alice saved as {Y}?", "help")
c(f"alice's address is {Y}, right?", "help")
c(f"is it safe to save {X} as dave?", "help")

# ---- negations: unknown
c(f"don't change alice's address to {Y}", "unknown")
c(f"do not save {X} as dave", "unknown")
c(f"never update bob's address to {Y}", "unknown")
c(f"I don't want to add {X} as carol", "unknown")
c(f"please don't replace mom's address with {Y}", "unknown")
c(f"don't add dave {X}", "unknown")
c(f"I didn't tell you to save {X} as alice", "unknown")
c(f"no need to update carol to {Y}", "unknown")
c(f"stop, don't save {X}", "unknown")
c(f"alice's address is not {Y}", "unknown")

# ---- someone else's words: unknown
c(f"bob said alice's new address is {Y}", "unknown")
c(f"the support agent told me to save {X} as alice", "unknown")
c(f"an email says carol's address changed to {Y}", "unknown")
c(f"my friend wants me to add {X} as mom", "unknown")
c(f"the website says to update bob's address to {Y}", "unknown")
c(f"someone on telegram asked me to save {X} as alice", "unknown")
c(f"alice texted me that her new address is {Y}", "unknown")
c(f"according to the admin, mom's wallet is now {Y}", "unknown")
c(f"a message from support: update alice's address to {Y}", "unknown")
c(f"carol claims bob's address is {Y}", "unknown")
c(f"got a DM saying save {X} as bob", "unknown")

# ---- conditions: unknown
c(f"if bob confirms, save {X} as bob", "unknown")
c(f"change alice's address to {Y} if she asks", "unknown")
c(f"when carol replies, update her address to {Y}", "unknown")
c(f"save {X} as dave once he confirms", "unknown")
c(f"unless mom objects, set her address to {Y}", "unknown")
c(f"in case alice's address changes, use {Y}", "unknown")

# ---- one payment, two different recipients: clarification on "to"
two(f"send bob 5 S to {X}", "5")
two("pay alice 3 S to carol", "3")
two(f"transfer 10 S to bob at {X}", "10")
two("send mom 2 USDC to dave", "2", "USDC")
two(f"give carol 1.5 S, send it to {Y}", "1.5")
two(f"send 4 S to alice to {X}", "4")
two("pay bob 7 S to alice's address", "7")
two(f"send 5 S to {X} for bob", "5")

# ---- one recipient, for contrast: ready
c("send bob 5 S", "send", slots={"amount": "5", "asset": "S", "to": "bob", "to_address": B})
c("pay mom 2 S for dinner", "send", slots={"amount": "2", "asset": "S", "to": "mom", "to_address": M})
c(f"send 3 S to {X}", "send", slots={"amount": "3", "asset": "S", "to": X})

# ---- written after the fix, to check the families rather than the examples
c(f"the bank says update mom's address to {Y}", "unknown")
c(f"i was told to add {X} as alice", "unknown")
c(f"a scammer said save {X} as mom", "unknown")
c(f"telegram admin: change alice to {Y}", "unknown")
c(f"I heard alice's address changed to {Y}", "unknown")
c(f"please never add {X} as dave", "unknown")
c(f"save {X} as dave only if alice agrees", "unknown")
c(f"after bob confirms, add {X} as bob", "unknown")
c(f"as soon as alice confirms, change her address to {Y}", "unknown")
c(f"would it be wise to change bob's address to {Y}?", "help")
c(f"do i need to update alice's address to {Y}", "help")
c(f"is bob's new address {Y}", "help")
c(f"was carol's address updated to {Y}?", "help")
save(f"edit alice's address to {Y}", "alice", Y)
save(f"put {X} in my contacts as eve", "eve", X)
save(f"add {X} as dave as soon as possible", "dave", X)
two("send carol 3 S to mom", "3")
two(f"pay 5 S to alice at {X}", "5")
two("pay carol 2 S for alice", "2")
c(f"send 1 S to alice's wallet {A}", "send", slots={"amount": "1", "asset": "S", "to": "alice", "to_address": A})
c("send 3 S to mom for her birthday", "send", slots={"amount": "3", "asset": "S", "to": "mom", "to_address": M})

for case in cases:
    print(json.dumps(case))
