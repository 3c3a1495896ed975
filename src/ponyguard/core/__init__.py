"""The tool's core: findings, rules, configuration, suppressions, baselines.

Knows nothing about Django, HTTP or files of a project under audit.
"""
