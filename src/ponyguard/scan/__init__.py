"""The live scan: a hardened HTTP/TLS/TCP client and the probes that run on a deployed site."""
