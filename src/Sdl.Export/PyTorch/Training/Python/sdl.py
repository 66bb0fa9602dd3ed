"""The decorrelation losses of the [Decorrelate] taps: SDL (with its running covariance) and DeCov.

Both reproduce Sdl.Runtime.Losses exactly, with the batch sums taken over all ranks (distributed.py).
"""
import torch
from torch import nn

from distributed import batch_normalise, column_mean

# The epsilon of SDL's non-affine batch normalisation (StochasticDecorrelationLoss.BatchNormEpsilon).
BATCH_NORM_EPSILON = 1e-5


class StochasticDecorrelation(nn.Module):
    """Stochastic Decorrelation Loss (Chang, Xiang and Hospedales 2018).

    Z^ = BN(Z) (no affine, biased variance, eps 1e-5); Sigma_mini = Z^T Z^ / (m - 1);
    Sigma_accu <- alpha * Sigma_accu + Sigma_mini; c <- alpha * c + 1; Phi = Sigma_accu / c;
    L = sum_{i != j} Phi_ij^2 (squared) or |Phi_ij| (l1), divided by k^2 - k for the 'mean' reduction.
    The history (buffers sigma_accu, count: the C# state_dict keys) carries no gradient; it is
    updated in training mode only. Every rank computes the same global Sigma_mini, so the buffers
    stay equal on all ranks without being broadcast.
    """

    def __init__(self, features, alpha, norm='squared', reduction='sum'):
        super().__init__()
        self.features, self.alpha, self.norm, self.reduction = features, alpha, norm, reduction
        self.register_buffer('sigma_accu', torch.zeros(features, features))
        self.register_buffer('count', torch.zeros(1))

    def forward(self, z, reducer):
        m = reducer.rows
        normalised = batch_normalise(z, reducer, BATCH_NORM_EPSILON)
        batch_covariance = reducer.sum(normalised.t() @ normalised) / (m - 1)
        accumulated = self.sigma_accu.to(batch_covariance.dtype) * self.alpha + batch_covariance
        normaliser = self.count * self.alpha + 1
        if self.training:
            with torch.no_grad():
                self.sigma_accu.copy_(accumulated.detach())
                self.count.copy_(normaliser)
        phi = accumulated / normaliser.to(accumulated.dtype)
        if self.norm == 'l1':
            off_diagonal = phi.abs().sum() - phi.diagonal().abs().sum()
        else:
            off_diagonal = (phi * phi).sum() - (phi.diagonal() ** 2).sum()
        if self.reduction == 'mean':
            off_diagonal = off_diagonal / (self.features * (self.features - 1))
        return off_diagonal


class DeCov(nn.Module):
    """DeCov (Cogswell et al. 2016): 1/2 (||C||_F^2 - ||diag C||^2) with C = (1/m) sum (h - mu)(h - mu)^T
    of the raw activations; no state."""

    def __init__(self, features):
        super().__init__()
        self.features = features

    def forward(self, h, reducer):
        centred = h - column_mean(h, reducer)
        covariance = reducer.sum(centred.t() @ centred) / reducer.rows
        return ((covariance * covariance).sum() - (covariance.diagonal() ** 2).sum()) * 0.5
