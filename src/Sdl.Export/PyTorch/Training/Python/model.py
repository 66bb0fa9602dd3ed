"""The whole multi-view model: the view modules (views.py, generated) and one loss module per
[Decorrelate] tap, under the C# model's names, so model.state_dict() has the C# keys
('Left.fc1.weight', 'sdl_Left_embed.sigma_accu', ...) and the weights move both ways with strict=True.
"""
import json
import os

from torch import nn

import views
from sdl import DeCov, StochasticDecorrelation


def load_spec(directory=None):
    directory = directory or os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(directory, 'model_spec.json'), encoding='utf-8') as f:
        return json.load(f)


class MultiViewModel(nn.Module):
    def __init__(self, spec):
        super().__init__()
        self.spec = spec
        self.view_names = [view['name'] for view in spec['views']]
        for name in self.view_names:
            self.add_module(name, views.VIEWS[name]())
        self.loss_names = []
        for tap in spec['taps']:
            if tap['method'] == 'sdl':
                loss = StochasticDecorrelation(tap['features'], tap['alpha'], tap['norm'], tap['reduction'])
            else:
                loss = DeCov(tap['features'])
            self.add_module(tap['module'], loss)
            self.loss_names.append(tap['module'])

    def losses(self):
        return {name: self._modules[name] for name in self.loss_names}

    def forward(self, inputs):
        """inputs: one [batch, ...view shape] tensor per view. Returns the embeddings (FAE: the
        shared block of each latent), the captured taps and, for FAE, the reconstructions."""
        objective = self.spec['objective']
        taps, embeddings, reconstructions = {}, [], []
        for name, x in zip(self.view_names, inputs):
            view = self._modules[name]
            encoded = view.encode(x, taps)
            if objective['kind'] == 'fae':
                reconstructions.append(view.decode(encoded, taps))
                embeddings.append(encoded[:, :objective['shared']])
            else:
                embeddings.append(encoded)
        return {'embeddings': embeddings, 'taps': taps, 'reconstructions': reconstructions}
