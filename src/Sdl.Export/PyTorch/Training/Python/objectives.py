"""The declared objectives, term by term, with the names Sdl.Runtime gives them (TermNames, or a new
objective's own Term):
distance, dcca, dcca_ey, barlow_twins, cross_entropy, reconstruction(view), agreement, sdl(View.layer), decov(View.layer).

compute_loss returns the total and the weighted terms in the order of the generated ComputeLoss;
a term whose weight is 0 is left out (LossBreakdown.Sum). Every statistic is a global-batch one
(distributed.py), so the loss does not depend on how the batch is split over ranks.
"""
import torch
import torch.nn.functional as F

from distributed import batch_normalise, column_mean


def soft_cca_distance(embeddings, reducer):
    """sum_{v<w} ||BN(z_v) - BN(z_w)||_F^2 / m, BN without affine parameters (eps 1e-5)."""
    normalised = [batch_normalise(z, reducer) for z in embeddings]
    total = None
    for v in range(len(normalised)):
        for w in range(v + 1, len(normalised)):
            difference = normalised[v] - normalised[w]
            pair = reducer.sum((difference * difference).sum()) / reducer.rows
            total = pair if total is None else total + pair
    return total


def barlow_twins(z1, z2, off_diagonal_weight, reducer):
    """Barlow Twins (BarlowTwinsLoss): sum_i (1 - C_ii)^2 + lambda sum_{i!=j} C_ij^2 with
    C = BN(z1)^T BN(z2) / m, each view batch-normalised on its own (no affine parameters, biased
    variance, eps 1e-5) over the global batch; C is a sum over rows, so it is summed over ranks."""
    a, b = batch_normalise(z1, reducer), batch_normalise(z2, reducer)
    c = reducer.sum(a.t() @ b) / reducer.rows
    on_diagonal = ((1 - torch.diagonal(c)) ** 2).sum()
    # The off-diagonal entries by a mask, not sum(C^2) - sum(C_ii^2) (which cancels about k in float32).
    off_mask = 1 - torch.eye(c.shape[0], dtype=c.dtype, device=c.device)
    off_diagonal = (c * c * off_mask).sum()
    return on_diagonal + off_diagonal_weight * off_diagonal


def reconstruction(reconstructed, x, reducer):
    """||x - x^||_F^2 / m for one view."""
    difference = reconstructed - x.reshape(reconstructed.shape)
    return reducer.sum((difference * difference).sum()) / reducer.rows


def cross_entropy(logits, labels, reducer):
    """The batch mean of the cross-entropy: the global sum over the global m."""
    return reducer.sum(F.cross_entropy(logits, labels, reduction='sum')) / reducer.rows


def dcca_ey(embeddings, penalty, reducer):
    """DCCA-EY: -2 tr(A) + tr(B B'), A = sum_{v!=w} C_vw / V, B = sum_v C_vv / V (DccaEyLoss).

    'independent_halves' takes B' from the second half of the batch and B from the first, halves
    by global row position (rank 0's rows first): in one process the first m//2 rows, as in C#."""
    views, m = len(embeddings), reducer.rows
    centred = [z - column_mean(z, reducer) for z in embeddings]
    cross = None
    for v in range(views):
        for w in range(v + 1, views):
            pair = reducer.sum((centred[v] * centred[w]).sum())
            cross = pair if cross is None else cross + pair
    reward = cross * (4.0 / (views * (m - 1.0)))
    if penalty == 'same_batch':
        b = _auto_covariance(centred, m, reducer)
        return -reward + (b * b).sum()
    half = m // 2
    rows = torch.arange(embeddings[0].shape[0], device=embeddings[0].device) + reducer.offset
    first, second = rows < half, rows >= half
    b1 = _auto_covariance(_centre_rows(embeddings, first, half, reducer), half, reducer)
    b2 = _auto_covariance(_centre_rows(embeddings, second, m - half, reducer), m - half, reducer)
    return -reward + (b1 * b2).sum()


def _centre_rows(embeddings, mask, count, reducer):
    selected = [z[mask] for z in embeddings]
    return [z - reducer.sum(z.sum(0)) / count for z in selected]


def _auto_covariance(centred, rows, reducer):
    stacked = torch.cat(centred, 0)
    return reducer.sum(stacked.t() @ stacked) / (len(centred) * (rows - 1.0))


class _ExactDcca(torch.autograd.Function):
    """Exact DCCA (DccaLoss): minus the sum of the top-k singular values of
    T = S11^-1/2 S12 S22^-1/2 (ridge on S11, S22; eigenvalues floored), with the closed-form gradient
    of Andrew et al. (no eigenvalue gaps needed). Covariances are global (all-reduced); the gradient
    of each rank's own rows is saved, and the backward all-reduces the incoming gradient like
    distributed._AllReduceSum, so DDP's averaging gives the one-process gradient."""

    @staticmethod
    def forward(ctx, z1, z2, top_k, ridge, floor, use_float64, reducer):
        work = torch.float64 if use_float64 else z1.dtype
        h1, h2 = z1.detach().to(work), z2.detach().to(work)
        m = reducer.rows
        h1 = h1 - reducer.sum_value(h1.sum(0)) / m
        h2 = h2 - reducer.sum_value(h2.sum(0)) / m
        k = min(top_k, h1.shape[1], h2.shape[1])

        def covariance(a, b):
            return reducer.sum_value(a.t() @ b) / (m - 1)

        def inverse_square_root(s):
            values, vectors = torch.linalg.eigh(s)
            return (vectors * values.clamp_min(floor).rsqrt().unsqueeze(0)) @ vectors.t()

        s11 = covariance(h1, h1) + ridge * torch.eye(h1.shape[1], dtype=work, device=h1.device)
        s22 = covariance(h2, h2) + ridge * torch.eye(h2.shape[1], dtype=work, device=h2.device)
        whiten1, whiten2 = inverse_square_root(s11), inverse_square_root(s22)
        t = whiten1 @ covariance(h1, h2) @ whiten2
        u, singular, vh = torch.linalg.svd(t, full_matrices=False)
        top = singular[:k]
        left, right = whiten1 @ u[:, :k], whiten2 @ vh[:k].t()
        cross_term = left @ right.t()
        self1 = (left * top.unsqueeze(0)) @ left.t()
        self2 = (right * top.unsqueeze(0)) @ right.t()
        ctx.reducer = reducer
        ctx.save_for_backward(((h1 @ self1 - h2 @ cross_term.t()) / (m - 1)).to(z1.dtype),
                              ((h2 @ self2 - h1 @ cross_term) / (m - 1)).to(z2.dtype))
        return (-top.sum()).to(z1.dtype)

    @staticmethod
    def backward(ctx, gradient):
        gradient1, gradient2 = ctx.saved_tensors
        gradient = ctx.reducer.sum_value(gradient)
        return gradient * gradient1, gradient * gradient2, None, None, None, None, None


def dcca(z1, z2, settings, reducer):
    return _ExactDcca.apply(z1, z2, int(settings['top_k']), float(settings['ridge']),
                            float(settings['eigenvalue_floor']), bool(settings['use_float64']), reducer)


def compute_loss(model, spec, output, inputs, labels, reducer):
    """(total, [(name, weighted term)]) as the generated ComputeLoss composes them."""
    objective = spec['objective']
    kind = objective['kind']
    embeddings = output['embeddings']
    terms = []
    if kind == 'soft_cca':
        terms.append(('distance', soft_cca_distance(embeddings, reducer), 1.0))
    elif kind == 'dcca':
        terms.append(('dcca', dcca(embeddings[0], embeddings[1], objective, reducer), 1.0))
    elif kind == 'dcca_ey':
        terms.append(('dcca_ey', dcca_ey(embeddings, objective['penalty'], reducer), 1.0))
    elif kind == 'barlow_twins':
        terms.append(('barlow_twins', barlow_twins(embeddings[0], embeddings[1], float(objective['off_diagonal_weight']), reducer), 1.0))
    elif kind == 'supervised':
        terms.append(('cross_entropy', cross_entropy(embeddings[0], labels, reducer), 1.0))
    elif kind == 'fae':
        for view, reconstructed, x in zip(spec['views'], output['reconstructions'], inputs):
            terms.append((f"reconstruction({view['name']})", reconstruction(reconstructed, x, reducer), 1.0))
        terms.append(('agreement', soft_cca_distance(embeddings, reducer), float(objective['beta'])))
    else:
        raise ValueError(f"unknown objective '{kind}' in model_spec.json")
    losses = model.losses()
    for tap in spec['taps']:
        value = losses[tap['module']](output['taps'][tap['key']], reducer)
        terms.append((tap['term'], value, spec['lambda'] * tap['weight']))

    weighted, total = [], None
    for name, value, weight in terms:
        if weight == 0:
            continue
        term = value if weight == 1 else value * weight
        weighted.append((name, term))
        total = term if total is None else total + term
    return total, weighted
