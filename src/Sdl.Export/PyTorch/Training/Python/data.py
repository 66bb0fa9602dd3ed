"""Training data: one array per view, rows aligned across views, sharded over ranks.

A data directory holds <view>.npy for every view (float32 or float64; [n, features] or
[n, ...input shape]) and, for a supervised model, labels.npy (integers). <view>.parquet (all
columns numeric, one row per sample) is read instead where pyarrow is installed. Arrays are
memory-mapped, so each rank reads only its rows.

Sharding: a DistributedSampler (the same seeded permutation on every rank; rank r takes every
W-th index from r) with drop_last, so all ranks see the same number of rows. With a global batch
of B rows and B/W rows per rank, step j's rows over all ranks are exactly positions
[j*B, (j+1)*B) of the permutation: the batch one process would take at step j.
"""
import os

import numpy as np
import torch
from torch.utils.data import DistributedSampler


class DataError(Exception):
    """The data do not fit the model (missing file, wrong width, unequal row counts); the message is one line."""


def _read_view(directory, name):
    path = os.path.join(directory, f'{name}.npy')
    if os.path.exists(path):
        return np.load(path, mmap_mode='r'), path
    parquet = os.path.join(directory, f'{name}.parquet')
    if os.path.exists(parquet):
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise DataError(f'{parquet}: reading Parquet needs pyarrow (python3-pyarrow); or save the view as {name}.npy')
        table = pq.read_table(parquet)
        return np.column_stack([column.to_numpy() for column in table.columns]).astype(np.float32), parquet
    raise DataError(f'{directory}: no {name}.npy (or {name}.parquet) for view \'{name}\'')


class MultiViewArrays:
    def __init__(self, directory, spec):
        self.views, self.shapes = [], []
        rows = None
        for view in spec['views']:
            array, path = _read_view(directory, view['name'])
            shape = list(view['input_shape'])
            width = int(np.prod(array.shape[1:])) if array.ndim > 1 else 1
            if width != int(np.prod(shape)):
                raise DataError(f"{path}: rows of {width} values, but view '{view['name']}' takes {int(np.prod(shape))} (shape {shape})")
            if rows is not None and array.shape[0] != rows:
                raise DataError(f'{path}: {array.shape[0]} rows, but the first view has {rows}')
            rows = array.shape[0]
            self.views.append(array)
            self.shapes.append(shape)
        self.labels = None
        if spec['objective']['kind'] == 'supervised':
            path = os.path.join(directory, 'labels.npy')
            if not os.path.exists(path):
                raise DataError(f'{directory}: a supervised model needs labels.npy')
            self.labels = np.load(path)
            if self.labels.shape[0] != rows:
                raise DataError(f'{path}: {self.labels.shape[0]} labels for {rows} rows')
        self.rows = rows

    def __len__(self):
        return self.rows

    def batch(self, indices, device, dtype=torch.float32):
        """The rows `indices` of every view as `dtype` tensors of the views' input shapes (and the labels)."""
        indices = np.asarray(indices)
        inputs = [torch.from_numpy(np.ascontiguousarray(array[indices])).reshape(len(indices), *shape).to(device=device, dtype=dtype)
                  for array, shape in zip(self.views, self.shapes)]
        labels = None if self.labels is None else torch.from_numpy(np.asarray(self.labels[indices], dtype=np.int64)).to(device)
        return inputs, labels


def batches(data, epoch, global_batch, world_size, rank, seed, shuffle=True, skip=0):
    """This rank's batches of one epoch (global_batch / world_size rows each); `skip` leaves out
    the first batches (a resumed epoch)."""
    if global_batch % world_size:
        raise DataError(f'--batch-size {global_batch} is not a multiple of the {world_size} ranks')
    local = global_batch // world_size
    sampler = DistributedSampler(range(len(data)), num_replicas=world_size, rank=rank, shuffle=shuffle, seed=seed, drop_last=True)
    sampler.set_epoch(epoch)
    indices = list(sampler)
    steps = len(indices) // local
    if steps == 0:
        raise DataError(f'{len(data)} rows give no batch of {global_batch}')
    for step in range(skip, steps):
        yield step, indices[step * local:(step + 1) * local]


def steps_per_epoch(data, global_batch, world_size):
    return (len(data) // world_size) // (global_batch // world_size)
