"""A small app for the query tests: members, teams, states (a users/groups-like shape)."""
