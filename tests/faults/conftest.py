"""
Fault tests: each puts a FaultProxy (tests/faults/proxy.py) between the portal and one real
service, cuts the path mid-test and mends it. The shared services themselves are never
stopped: other test processes and helpers use them at the same time.
"""

import pytest

from tests.faults.proxy import FaultProxy


@pytest.fixture
def fault_proxy():
    """Start proxies to real services (`fault_proxy(url)`); all are closed afterwards."""
    started: list[FaultProxy] = []

    def start(url: str) -> FaultProxy:
        proxy = FaultProxy.for_url(url).start()
        started.append(proxy)
        return proxy

    yield start
    for proxy in started:
        proxy.close()
