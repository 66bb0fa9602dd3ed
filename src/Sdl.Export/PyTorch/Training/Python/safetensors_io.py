"""Reads and writes state_dicts as safetensors (the format TorchSharp.PyBridge reads back in C#),
with the safetensors package when installed, else with these few lines (Debian 12 has none).
Format: 8-byte little-endian header length, a JSON header {name: {dtype, shape, data_offsets}},
then the raw little-endian tensor bytes."""
import json
import os
import struct

import torch

# From here to the end of read() this text is also written into every exported encoder script
# (PyTorchScript takes it from this file), so that script loads its weights on its own.
_DTYPES = {'F32': torch.float32, 'F64': torch.float64, 'F16': torch.float16, 'I64': torch.int64,
           'I32': torch.int32, 'U8': torch.uint8, 'BOOL': torch.bool}


def read(path):
    try:
        from safetensors.torch import load_file
        return load_file(path)
    except ImportError:
        pass
    with open(path, 'rb') as f:
        data = f.read()
    (length,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + length])
    tensors = {}
    for name, entry in header.items():
        if name == '__metadata__':
            continue
        start, end = entry['data_offsets']
        dtype = _DTYPES[entry['dtype']]
        raw = bytearray(data[8 + length + start:8 + length + end])
        flat = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
        tensors[name] = flat.reshape(entry['shape']).clone()
    return tensors


_NAMES = {dtype: name for name, dtype in _DTYPES.items()}


def write(state, path):
    """Writes `state` atomically (a temporary file renamed over `path`)."""
    header, blobs, offset = {}, [], 0
    for name in sorted(state):
        tensor = state[name].detach().cpu().contiguous()
        blob = tensor.numpy().tobytes() if tensor.numel() else b''
        header[name] = {'dtype': _NAMES[tensor.dtype], 'shape': list(tensor.shape), 'data_offsets': [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    encoded = json.dumps(header, separators=(',', ':')).encode('utf-8')
    encoded += b' ' * (-len(encoded) % 8)   # the data starts 8-byte aligned
    temporary = f'{path}.{os.getpid()}.tmp'
    with open(temporary, 'wb') as f:
        f.write(struct.pack('<Q', len(encoded)))
        f.write(encoded)
        for blob in blobs:
            f.write(blob)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)
