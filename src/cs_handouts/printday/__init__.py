"""The print-day set: packets, sign-in sheet, name tents, certificates, print list, roster."""
