"""PyTorch twin of src-main/core/sequential for the training-speed benchmark.

Same network (pre-layer-norm causal transformer, learned positions, ReLU feed-forward, tied item
table with a padding row), same length-bucketed batches and the same shared-negative sampled
softmax, on CPU. Reads `user i1 i2 ...` lines, trains, and prints one JSON line per epoch.
Usage: python3 torch_sasrec.py FILE --users N --epochs E [--threads T] [--hidden 64] ...
"""
import argparse
import json
import math
import random
import time

import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, d, heads, ffn, dropout):
        super().__init__()
        self.norm1 = nn.LayerNorm(d, eps=1e-6)
        self.attention = nn.MultiheadAttention(d, heads, dropout=0.0, batch_first=True)
        self.norm2 = nn.LayerNorm(d, eps=1e-6)
        self.ffn = nn.Sequential(nn.Linear(d, ffn), nn.ReLU(), nn.Dropout(dropout), nn.Linear(ffn, d))
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, blocked, keep):
        h = self.norm1(x)
        attended, _ = self.attention(h, h, h, attn_mask=blocked, need_weights=False)
        x = x + self.dropout(attended)
        x = x + self.dropout(self.ffn(self.norm2(x)))
        return x * keep


class SequentialModel(nn.Module):
    def __init__(self, num_items, d, blocks, heads, ffn, max_length, dropout):
        super().__init__()
        self.items = nn.Embedding(num_items + 1, d, padding_idx=0)
        self.positions = nn.Embedding(max_length, d)
        self.blocks = nn.ModuleList([Block(d, heads, ffn, dropout) for _ in range(blocks)])
        self.norm = nn.LayerNorm(d, eps=1e-6)
        self.dropout = nn.Dropout(dropout)
        self.max_length = max_length
        # Same initial scale as the TypeScript model: embeddings N(0, 1/d), padding row zero.
        nn.init.normal_(self.items.weight, std=d ** -0.5)
        nn.init.normal_(self.positions.weight, std=d ** -0.5)
        with torch.no_grad():
            self.items.weight[0].zero_()

    def forward(self, ids):
        length = ids.shape[1]
        keep = (ids != 0).unsqueeze(-1).float()
        positions = torch.arange(self.max_length - length, self.max_length)
        x = self.dropout(self.items(ids) + self.positions(positions)) * keep
        future = torch.triu(torch.ones(length, length, dtype=torch.bool), diagonal=1)
        # A padded query sees no key; letting every query see itself keeps the softmax finite.
        blocked = (future.unsqueeze(0) | (ids == 0).unsqueeze(1)) & ~torch.eye(length, dtype=torch.bool)
        blocked = blocked.repeat_interleave(self.blocks[0].attention.num_heads, dim=0)
        for block in self.blocks:
            x = block(x, blocked, keep)
        return self.norm(x)


def load(path, users):
    sequences, ids = [], {}
    with open(path) as handle:
        for line in handle:
            fields = line.split()
            if len(fields) < 2:
                continue
            sequences.append([ids.setdefault(item, len(ids)) for item in fields[1:]])
    return sequences[:users], len(ids)


def batches(windows, size, rng):
    order = list(range(len(windows)))
    rng.shuffle(order)
    order.sort(key=lambda i: len(windows[i]))
    planned = [order[s:s + size] for s in range(0, len(order), size)]
    rng.shuffle(planned)
    for members in planned:
        length = max(len(windows[i]) for i in members) - 1
        inputs = torch.zeros(len(members), length, dtype=torch.long)
        targets = torch.zeros(len(members), length, dtype=torch.long)
        for row, i in enumerate(members):
            w = windows[i]
            pad = length - (len(w) - 1)
            inputs[row, pad:] = torch.tensor([x + 1 for x in w[:-1]])
            targets[row, pad:] = torch.tensor([x + 1 for x in w[1:]])
        yield inputs, targets


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('file')
    parser.add_argument('--users', type=int, default=1_000_000)
    parser.add_argument('--epochs', type=int, default=1)
    parser.add_argument('--threads', type=int, default=1)
    parser.add_argument('--hidden', type=int, default=64)
    parser.add_argument('--blocks', type=int, default=2)
    parser.add_argument('--heads', type=int, default=1)
    parser.add_argument('--ffn', type=int, default=64)
    parser.add_argument('--max-length', type=int, default=50)
    parser.add_argument('--dropout', type=float, default=0.2)
    parser.add_argument('--batch', type=int, default=128)
    parser.add_argument('--negatives', type=int, default=256)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    rng = random.Random(1)
    sequences, num_items = load(args.file, args.users)
    windows = [s[-(args.max_length + 1):] for s in sequences if len(s) >= 2]
    model = SequentialModel(num_items, args.hidden, args.blocks, args.heads, args.ffn, args.max_length, args.dropout)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    for epoch in range(1, args.epochs + 1):
        started, total, count = time.perf_counter(), 0.0, 0
        for inputs, targets in batches(windows, args.batch, rng):
            hidden = model(inputs)
            where = targets != 0
            picked, wanted = hidden[where], targets[where]
            negatives = torch.randint(1, num_items + 1, (args.negatives,))
            positive = (picked * model.items(wanted)).sum(-1, keepdim=True)
            negative = picked @ model.items(negatives).T
            negative = negative.masked_fill(wanted.unsqueeze(1) == negatives.unsqueeze(0), -1e9)
            logits = torch.cat([positive, negative], 1)
            loss = (torch.logsumexp(logits, 1) - positive.squeeze(1)).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(wanted)
            count += len(wanted)
        seconds = time.perf_counter() - started
        print(json.dumps({'epoch': epoch, 'loss': total / count, 'seconds': seconds, 'sequences': len(windows)}), flush=True)


if __name__ == '__main__':
    main()
