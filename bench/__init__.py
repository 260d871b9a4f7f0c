"""Performance benchmarks: ingest throughput and query latency against baselines."""
