"""Resumable checkpoints, written by rank 0 only and atomically (a temporary file renamed over the
old one), so a rank that dies mid-write never leaves a half-written checkpoint: a restart resumes
from the last complete one. All ranks hold the same weights and optimiser state (DDP), so one
copy is enough."""
import os

import torch


def save(path, model, optimizer, epoch, step_in_epoch, global_step):
    state = {'model': model.state_dict(), 'optimizer': optimizer.state_dict(),
             'epoch': epoch, 'step_in_epoch': step_in_epoch, 'global_step': global_step}
    temporary = f'{path}.{os.getpid()}.tmp'
    with open(temporary, 'wb') as f:
        torch.save(state, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


def load(path, model, optimizer):
    """Restores model and optimiser from `path`; returns (epoch, step_in_epoch, global_step), or None when there is no checkpoint."""
    if not os.path.exists(path):
        return None
    state = torch.load(path, map_location='cpu')
    model.load_state_dict(state['model'], strict=True)
    optimizer.load_state_dict(state['optimizer'])
    return state['epoch'], state['step_in_epoch'], state['global_step']
