"""Trains the exported Sdl.Dsl model with PyTorch, in one process or under torchrun (DDP).

    python3 train.py --data DIR --out OUT                       # one process
    torchrun --nproc_per_node 2 train.py --data DIR --out OUT   # two ranks (gloo on the CPU)

Writes OUT/model.safetensors and OUT/model.pt (the C# model's state_dict keys, SDL buffers
included: PyTorchExport.LoadSafetensors reads it back), OUT/checkpoint.pt (rank 0, every
--checkpoint-every steps and at each epoch's end; --resume continues from it) and
OUT/metrics.jsonl (one line per epoch). --batch-size is the global batch: each of W ranks takes
batch/W rows, and the loss is computed from statistics summed over ranks (distributed.py), so
the run equals one process with the whole batch.
"""
import argparse
import json
import os
import re
import sys
import time

MINIMUM_TORCH = (1, 13)

try:
    import torch
except ImportError:
    print('train.py: PyTorch is not installed (python3 -m pip install torch, or apt-get install python3-torch); it needs PyTorch >= 1.13.', file=sys.stderr)
    sys.exit(2)

_version = tuple(int(part) for part in re.findall(r'\d+', torch.__version__)[:2])
if _version < MINIMUM_TORCH:
    print(f'train.py: PyTorch {torch.__version__} is too old; it needs PyTorch >= {MINIMUM_TORCH[0]}.{MINIMUM_TORCH[1]}.', file=sys.stderr)
    sys.exit(2)

import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

import checkpoint
import data as datasets
import safetensors_io
from distributed import Reducer, synchronise_batch_norms
from model import MultiViewModel, load_spec
from objectives import compute_loss

HERE = os.path.dirname(os.path.abspath(__file__))


def arguments(spec):
    training = spec['training']
    parser = argparse.ArgumentParser(description=f"Train the Sdl.Dsl model '{spec['model']}' with PyTorch (DDP under torchrun).")
    parser.add_argument('--data', required=True, help='directory with <view>.npy per view (and labels.npy for a supervised model)')
    parser.add_argument('--out', required=True, help='directory for model.safetensors, model.pt, checkpoint.pt and metrics.jsonl')
    parser.add_argument('--epochs', type=int, default=training['epochs'])
    parser.add_argument('--batch-size', type=int, default=training['batch_size'], help='global batch size (all ranks together)')
    parser.add_argument('--lr', type=float, default=training['learning_rate'])
    parser.add_argument('--weight-decay', type=float, default=training['weight_decay'])
    parser.add_argument('--seed', type=int, default=training['seed'])
    parser.add_argument('--checkpoint-every', type=int, default=training['checkpoint_every_steps'], help='steps between checkpoints')
    parser.add_argument('--max-steps', type=int, default=0, help='stop after this many optimiser steps in all (0: no limit)')
    parser.add_argument('--no-shuffle', action='store_true', help='take the rows in file order')
    parser.add_argument('--init', default=os.path.join(HERE, 'initial.safetensors'), help='starting weights (default: those of the exported C# model)')
    parser.add_argument('--resume', action='store_true', help='continue from OUT/checkpoint.pt when it exists')
    parser.add_argument('--dtype', choices=('float32', 'float64'), default='float32',
                        help='precision of the weights, buffers and batches; float64 also writes float64 weights')
    parser.add_argument('--log-steps', action='store_true', help='print every step\'s loss terms (rank 0)')
    return parser.parse_args()


def setup():
    """Joins the process group when started by torchrun (NCCL and cuda:LOCAL_RANK with CUDA, else gloo on the CPU)."""
    world_size = int(os.environ.get('WORLD_SIZE', '1'))
    if world_size == 1:
        device = torch.device('cuda:0' if torch.cuda.is_available() else 'cpu')
        return device, 0, 1, None
    local_rank = int(os.environ.get('LOCAL_RANK', '0'))
    if torch.cuda.is_available():
        torch.cuda.set_device(local_rank)
        device, backend = torch.device(f'cuda:{local_rank}'), 'nccl'
    else:
        device, backend = torch.device('cpu'), 'gloo'
    dist.init_process_group(backend=backend)
    # The loss statistics travel on a group of their own, so their all-reduces (also in the
    # backward) never interleave with DDP's gradient buckets on the default group.
    statistics = dist.new_group(backend=backend)
    return device, dist.get_rank(), dist.get_world_size(), statistics


def main():
    spec = load_spec(HERE)
    args = arguments(spec)
    device, rank, world_size, group = setup()
    torch.manual_seed(args.seed + rank)   # dropout differs per rank, as it would per row
    try:
        if args.batch_size < world_size or args.batch_size % world_size:
            raise datasets.DataError(f'--batch-size {args.batch_size} is not a multiple of the {world_size} ranks')
        data = datasets.MultiViewArrays(args.data, spec)
        if datasets.steps_per_epoch(data, args.batch_size, world_size) == 0:
            raise datasets.DataError(f'{len(data)} rows give no batch of {args.batch_size}')
    except datasets.DataError as error:
        print(f'train.py: {error}', file=sys.stderr)
        sys.exit(2)

    model = MultiViewModel(spec)
    model.load_state_dict(safetensors_io.read(args.init), strict=True)
    model.to(device=device, dtype=getattr(torch, args.dtype))
    reducer = Reducer(group)
    synchronise_batch_norms(model, reducer)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    os.makedirs(args.out, exist_ok=True)
    checkpoint_path = os.path.join(args.out, 'checkpoint.pt')
    start_epoch, skip, global_step = 0, 0, 0
    if args.resume:
        restored = checkpoint.load(checkpoint_path, model, optimizer)
        if restored is not None:
            start_epoch, skip, global_step = restored
            if rank == 0:
                print(f'resumed from {checkpoint_path}: epoch {start_epoch + 1}, step {skip}, {global_step} steps done', flush=True)
    # Buffers (SDL's history, batch-norm statistics) are updated from global statistics, the
    # same on every rank, so DDP need not broadcast them.
    network = DistributedDataParallel(model, device_ids=[device.index] if device.type == 'cuda' else None,
                                      broadcast_buffers=False) if world_size > 1 else model
    per_epoch = datasets.steps_per_epoch(data, args.batch_size, world_size)
    model.train()
    done = False
    for epoch in range(start_epoch, args.epochs):
        started, seen, sums, steps, step = time.perf_counter(), 0, {}, 0, skip - 1
        for step, indices in datasets.batches(data, epoch, args.batch_size, world_size, rank, args.seed, not args.no_shuffle, skip):
            inputs, labels = data.batch(indices, device, getattr(torch, args.dtype))
            reducer.begin_batch(len(indices), device)
            optimizer.zero_grad(set_to_none=True)
            output = network(inputs)
            total, terms = compute_loss(model, spec, output, inputs, labels, reducer)
            if not torch.isfinite(total):
                names = ', '.join(name for name, value in terms if not torch.isfinite(value)) or 'total'
                print(f'train.py: the loss is not finite at epoch {epoch + 1}, step {step} ({names})', file=sys.stderr)
                sys.exit(3)
            total.backward()
            optimizer.step()
            global_step += 1
            steps += 1
            seen += reducer.rows
            values = {'total': total.item(), **{name: value.item() for name, value in terms}}
            for name, value in values.items():
                sums[name] = sums.get(name, 0.0) + value
            if args.log_steps and rank == 0:
                print(json.dumps({'step': global_step, **values}), flush=True)
            if rank == 0 and args.checkpoint_every > 0 and global_step % args.checkpoint_every == 0:
                checkpoint.save(checkpoint_path, model, optimizer, epoch, step + 1, global_step)
            if args.max_steps and global_step >= args.max_steps:
                done = True
                break
        skip = 0
        elapsed = time.perf_counter() - started
        if rank == 0 and steps > 0:
            # Where a restart continues: the next epoch, or (stopped by --max-steps) the next step of this one.
            finished = step + 1 >= per_epoch
            checkpoint.save(checkpoint_path, model, optimizer, epoch + 1 if finished else epoch, 0 if finished else step + 1, global_step)
            record = {'epoch': epoch + 1, 'steps': steps, 'samples_per_second': seen / elapsed if elapsed > 0 else None,
                      'ranks': world_size, **{name: value / steps for name, value in sums.items()}}
            with open(os.path.join(args.out, 'metrics.jsonl'), 'a', encoding='utf-8') as f:
                f.write(json.dumps(record) + '\n')
            print(f"epoch {epoch + 1}/{args.epochs}: loss {record['total']:.6g}, "
                  f"{record['samples_per_second']:.0f} samples/s on {world_size} rank(s)", flush=True)
        if done:
            break

    if rank == 0:
        state = model.state_dict()
        safetensors_io.write(state, os.path.join(args.out, 'model.safetensors'))
        temporary = os.path.join(args.out, f'.model.pt.{os.getpid()}.tmp')
        torch.save(state, temporary)
        os.replace(temporary, os.path.join(args.out, 'model.pt'))
        print(f"wrote {os.path.join(args.out, 'model.safetensors')}", flush=True)
    if world_size > 1:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == '__main__':
    main()
