"""Sums over ranks, and the batch statistics built from them.

Why: every term of the objective is a function of sums over the rows of the batch (column sums,
sums of squares, Z^T Z, sums of per-row losses). When W ranks each hold m/W rows, summing those
per-rank sums across ranks gives exactly the sums of one batch of m rows, so the loss - and,
through the all-reduce's backward, the gradient - are those of one process with the whole batch.
Statistics reduced here, and why:
  * column means and biased variances of every batch-normalised tensor (SDL's BN, the Soft CCA
    distance's BN, batch-norm layers inside the encoders): BN must use the whole batch's moments;
  * SDL's and DeCov's Z^T Z: the batch covariance is a sum over samples;
  * DCCA's auto- and cross-covariances, DCCA-EY's cross traces and auto-covariances;
  * the sums behind per-row means (reconstruction error, cross-entropy): divided by the global m.
Without a process group (one process, or the parity checks) every reduction is the identity.

Gradient scaling: _AllReduceSum's backward all-reduces the incoming gradient. Every rank computes
the same global loss L, so each rank's gradient with respect to its own rows is W times its share
of dL/dtheta; DDP then averages the W parameter gradients, which leaves sum over ranks of the
shares: exactly the one-process gradient.
"""
import torch
import torch.distributed as dist


class _AllReduceSum(torch.autograd.Function):
    """all_reduce(SUM) with a backward that is itself an all_reduce(SUM) of the gradient
    (the transpose of 'every rank receives the sum'); the same as
    torch.distributed.nn.functional.all_reduce, written out so its semantics are on this page."""

    @staticmethod
    def forward(ctx, tensor, group):
        ctx.group = group
        result = tensor.detach().clone().contiguous()
        dist.all_reduce(result, op=dist.ReduceOp.SUM, group=group)
        return result

    @staticmethod
    def backward(ctx, gradient):
        gradient = gradient.clone().contiguous()
        dist.all_reduce(gradient, op=dist.ReduceOp.SUM, group=ctx.group)
        return gradient, None


class Reducer:
    """Sums tensors over the ranks of `group` (autograd-aware), or does nothing in one process.

    begin_batch(local_rows) must be called once per step before any statistic: it learns every
    rank's row count (so the global m and this rank's first global row are known)."""

    def __init__(self, group=None):
        self.group = group
        self.active = dist.is_available() and dist.is_initialized() and dist.get_world_size(group) > 1
        self.rows = None      # m: rows of the global batch
        self.offset = 0       # global index of this rank's first row (ranks in rank order)

    @property
    def world_size(self):
        return dist.get_world_size(self.group) if self.active else 1

    def begin_batch(self, local_rows, device=None):
        if not self.active:
            self.rows, self.offset = local_rows, 0
            return
        counts = [torch.zeros(1, dtype=torch.int64, device=device) for _ in range(self.world_size)]
        dist.all_gather(counts, torch.tensor([local_rows], dtype=torch.int64, device=device), group=self.group)
        counts = [int(c.item()) for c in counts]
        rank = dist.get_rank(self.group)
        self.rows, self.offset = sum(counts), sum(counts[:rank])

    def sum(self, tensor):
        """The sum of `tensor` over ranks; gradients flow back to every rank's own contribution."""
        if not self.active:
            return tensor
        return _AllReduceSum.apply(tensor, self.group)

    def sum_value(self, tensor):
        """The sum over ranks, outside autograd (inside custom autograd functions)."""
        if not self.active:
            return tensor
        result = tensor.detach().clone().contiguous()
        dist.all_reduce(result, op=dist.ReduceOp.SUM, group=self.group)
        return result


def column_mean(z, reducer):
    """Mean of each column over the global batch."""
    return reducer.sum(z.sum(0)) / reducer.rows


def batch_normalise(z, reducer, eps=1e-5):
    """BN without affine parameters, training mode: (z - mean) / sqrt(biased var + eps) over the
    global batch (the same convention as torch.nn.functional.batch_norm and TorchSharp's)."""
    centred = z - column_mean(z, reducer)
    variance = reducer.sum((centred * centred).sum(0)) / reducer.rows
    return centred * torch.rsqrt(variance + eps)


def synchronise_batch_norms(model, reducer):
    """Makes every batch-norm layer of the encoders use the global batch's moments in training
    (SyncBatchNorm refuses CPU tensors in PyTorch 1.13). Running statistics are updated as
    PyTorch does (momentum, unbiased variance), identically on every rank."""
    if not reducer.active:
        return
    for module in model.modules():
        if isinstance(module, torch.nn.modules.batchnorm._BatchNorm):
            module._sdl_reducer = reducer
            module.forward = _global_batch_norm.__get__(module)


def _global_batch_norm(self, x):
    if not self.training:
        return torch.nn.functional.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias, False, 0.0, self.eps)
    dims = [0] + list(range(2, x.dim()))
    shape = [1, -1] + [1] * (x.dim() - 2)
    reducer = self._sdl_reducer
    count = reducer.rows * (x[0, 0].numel())
    mean = reducer.sum(x.sum(dims)) / count
    centred = x - mean.reshape(shape)
    variance = reducer.sum((centred * centred).sum(dims)) / count
    y = centred * torch.rsqrt(variance + self.eps).reshape(shape)
    if self.weight is not None:
        y = y * self.weight.reshape(shape) + self.bias.reshape(shape)
    if self.track_running_stats:
        with torch.no_grad():
            momentum = 0.1 if self.momentum is None else self.momentum
            self.running_mean.mul_(1 - momentum).add_(momentum * mean.detach())
            self.running_var.mul_(1 - momentum).add_(momentum * variance.detach() * count / max(count - 1, 1))
            self.num_batches_tracked.add_(1)
    return y
