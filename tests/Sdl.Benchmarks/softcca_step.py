"""The same Soft CCA training step as Program.cs, in PyTorch, for a side-by-side timing.

Two MLP encoders (392 -> 1024 ReLU -> k), Soft CCA distance between the batch-normalised
embeddings plus lambda * SDL (running covariance, alpha = 0.9) on each embedding, Adam.
SDL here is written the usual way, with autograd (as cca_zoo and the paper's code do).
Prints one JSON line: {"median_ms": ..., "steps": ..., "threads": ...}. With one thread the
time is this thread's CPU time (time.thread_time), as on the C# side, so other jobs on the
machine do not inflate it.
"""
import json, sys, time
import torch

def main(m, k, steps, warmup, threads):
    torch.manual_seed(0)
    torch.set_num_threads(threads)
    encoders = [torch.nn.Sequential(torch.nn.Linear(392, 1024), torch.nn.ReLU(), torch.nn.Linear(1024, k)) for _ in range(2)]
    params = [p for e in encoders for p in e.parameters()]
    optimiser = torch.optim.Adam(params, lr=1e-3)
    accu = [torch.zeros(k, k) for _ in range(2)]
    count = [torch.zeros(()) for _ in range(2)]
    alpha, lam = 0.9, 1e-3
    x = [torch.randn(m, 392) for _ in range(2)]

    def bn(z):
        return torch.nn.functional.batch_norm(z, None, None, training=True)

    def sdl(z, v):
        zn = bn(z)
        cov = zn.t() @ zn / (m - 1)
        acc = alpha * accu[v] + cov
        c = alpha * count[v] + 1
        accu[v] = acc.detach(); count[v] = c
        phi = acc / c
        return phi.abs().sum() - phi.diagonal().abs().sum()

    clock = time.thread_time if threads == 1 else time.perf_counter
    times = []
    for step in range(warmup + steps):
        start = clock()
        z = [e(xi) for e, xi in zip(encoders, x)]
        loss = (bn(z[0]) - bn(z[1])).pow(2).sum() / m + lam * (sdl(z[0], 0) + sdl(z[1], 1))
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        if step >= warmup:
            times.append(clock() - start)
    times.sort()
    print(json.dumps({"median_ms": 1000 * times[len(times) // 2], "steps": steps, "threads": torch.get_num_threads(), "torch": torch.__version__}))

if __name__ == "__main__":
    m, k, steps, warmup, threads = (int(a) for a in sys.argv[1:6])
    main(m, k, steps, warmup, threads)
