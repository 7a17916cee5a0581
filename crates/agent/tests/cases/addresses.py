"""Addresses and status names shared by the case scripts (contacts.json's people and a
stranger)."""
A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"   # alice
B = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"   # bob
C = "0x90F79bf6EB2c4f870365E785982E1f101E93b906"   # carol
M = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65"   # mom
X = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc"   # not a contact
R, N = "ready", "needs_clarification"
