"""Native reference for `npm run bench`: trains the course's CNN and dense classifier in PyTorch
on the CPU, the way the browser cell trains them (Adam, learning rate 0.001, cross-entropy on
softmax outputs, batch 64, one synthetic 28x28 batch reused), and prints examples/s as JSON.

Usage: python3 torch-reference.py SECONDS THREADS [THREADS ...]
Run by scripts/bench/torch-reference.ts with Debian's python3 (apt-get install -y python3-torch).
"""
import json
import sys
import time

import torch
from torch import nn


def course_cnn() -> nn.Module:
    # conv64 3x3 valid -> ReLU -> pool 2 -> conv64 3x3 -> ReLU -> pool 2 -> 1600 -> 128 -> 10
    return nn.Sequential(
        nn.Conv2d(1, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10),
    )


def dense() -> nn.Module:
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


def examples_per_second(build, seconds: float, threads: int, batch: int = 64) -> dict:
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = build()
    # PyTorch's CrossEntropyLoss fuses the softmax the tfjs model ends with; same gradients.
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    x = torch.rand(batch, 1, 28, 28)
    y = torch.randint(0, 10, (batch,))

    def step() -> None:
        optimizer.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()
        optimizer.step()

    for _ in range(3):
        step()  # warm-up
    # Per-step times and their median, as the browser side measures.
    times = []
    started = time.perf_counter()
    while len(times) < 3 or time.perf_counter() - started < seconds:
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    median = sorted(times)[len(times) // 2]
    return {'threads': torch.get_num_threads(), 'steps': len(times), 'msPerStep': median * 1000,
            'examplesPerSecond': batch / median}


def main() -> None:
    seconds = float(sys.argv[1])
    results = {'torch': torch.__version__, 'cnn': [], 'dense': []}
    for threads in (int(t) for t in sys.argv[2:]):
        results['cnn'].append(examples_per_second(course_cnn, seconds, threads))
        results['dense'].append(examples_per_second(dense, seconds, threads))
    print(json.dumps(results))


if __name__ == '__main__':
    main()
