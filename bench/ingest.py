#!/usr/bin/env python3
"""Posts JSON Lines articles one by one to a running server, then checks each
acknowledged article can be read back. Prints status counts and latencies.

usage: ingest.py BASE_URL TOKEN FILE.jsonl
"""
import json
import sys
import time
import urllib.error
import urllib.request


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    base, token, path = sys.argv[1:4]
    statuses, latencies, ids = {}, [], []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            request = urllib.request.Request(
                base + "/api/articles",
                data=line.encode("utf-8"),
                headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"},
                method="POST",
            )
            started = time.monotonic()
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    status = response.status
                    body = json.load(response)
                    ids.append(body["id"])
            except urllib.error.HTTPError as error:
                status = error.code
                if status >= 500:
                    print(f"{status}: {error.read().decode('utf-8', 'replace')}", file=sys.stderr)
            latencies.append((time.monotonic() - started) * 1000)
            statuses[status] = statuses.get(status, 0) + 1
    lost = 0
    for article_id in ids:
        for attempt in range(20):
            try:
                with urllib.request.urlopen(f"{base}/api/articles/{article_id}", timeout=60):
                    break
            except urllib.error.HTTPError as error:
                if error.code == 503:  # busy: come back, as Retry-After says
                    time.sleep(1)
                    continue
                lost += 1
                break
    print(f"ingest: {len(latencies)} posts, statuses {dict(sorted(statuses.items()))}, "
          f"{len(ids)} acknowledged, {lost} lost")
    print(f"ingest latency p50 {percentile(latencies, 50):.1f} ms, p99 {percentile(latencies, 99):.1f} ms, "
          f"max {max(latencies):.1f} ms")
    server_errors = sum(count for status, count in statuses.items() if status >= 500)
    sys.exit(1 if server_errors or lost else 0)


if __name__ == "__main__":
    main()
