#!/usr/bin/python3
"""Build a tiny BERT-style sentence model for the text-embedding tests.

The model has random weights (seeded), 2 layers and hidden size 32, and a WordPiece vocabulary
of a few hundred tokens: the special tokens, common CJK characters from product titles and some
Latin word pieces. The output folder has the layout transformers.js loads from disk:

    config.json              BertModel configuration (model_type "bert")
    tokenizer.json           Hugging Face tokenizers file: BertNormalizer, BertPreTokenizer,
                             WordPiece model, [CLS] ... [SEP] template
    tokenizer_config.json    BertTokenizer settings
    onnx/model.onnx          inputs input_ids, attention_mask, token_type_ids (int64, dynamic
                             batch and sequence axes); output last_hidden_state
    expected-embeddings.json two fixed sentences, their token ids, and the mean-pooled,
                             L2-normalised sentence vectors computed here with torch

Needs only python3, torch and onnx (Debian: apt-get install python3-torch python3-onnx), not
the transformers package, so the BERT forward pass and the tokenizer are written out below.

Usage: /usr/bin/python3 scripts/make-tiny-model.py OUTPUT_DIR
"""

import json
import math
import os
import sys
import unicodedata

import onnx
import torch
from torch import nn

SEED = 20240611
HIDDEN = 32
LAYERS = 2
HEADS = 2
INTERMEDIATE = 64
MAX_POSITIONS = 64
LAYER_NORM_EPS = 1e-12

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
CJK_CHARACTERS = (
    "男女士款新春夏秋冬季韩版时尚休闲运动鞋包袋衣裤裙子帽袜外套上衣衬衫卫毛呢羽绒服"
    "连衣长短袖圆领修身宽松大码小学生儿童宝婴手机壳充电器数据线耳钢化膜电脑键盘鼠标"
    "无线蓝牙音箱家用厨房锅碗杯水壶茶具床品四件套枕头被子毯纯棉真丝皮革牛羊"
    "红黑白灰粉紫黄绿色金银透明防摔保暖加厚薄送礼盒装正品旗舰店官方特价包邮"
)
LATIN_WORDS = [
    "a", "an", "the", "and", "for", "with", "of", "in",
    "red", "black", "white", "blue", "green", "pink", "grey",
    "cotton", "silk", "wool", "leather", "dress", "shirt", "shoe", "shoes", "bag", "hat",
    "phone", "case", "charger", "cable", "usb", "wireless", "bluetooth", "mouse", "keyboard",
    "organic", "milk", "tea", "coffee", "water", "juice", "bread", "cheese", "butter", "peanut",
    "sweet", "salt", "free", "fresh", "large", "small", "pack", "set", "gift", "box",
    "women", "men", "kids", "baby", "summer", "winter", "new", "style",
]
WORD_PIECES = [
    "##s", "##es", "##ed", "##ing", "##er", "##ly", "##y", "##a", "##e", "##i", "##o", "##u",
    "##n", "##t", "##r", "##l", "##c", "##k", "##m", "##p", "##d", "##g", "##h", "##b", "##f",
    "##w", "##v", "##x", "##z", "##q", "##j",
]
SINGLE_CHARACTERS = list("abcdefghijklmnopqrstuvwxyz0123456789") + [f"##{digit}" for digit in "0123456789"]
PUNCTUATION = list(".,-/()[]!?:;'\"&+%*#") + ["，", "。", "、", "（", "）", "【", "】"]

# Fixed sentences whose vectors the JavaScript tests compare with. The second one mixes CJK,
# Latin words, a word that WordPiece splits, a digit run and a token outside the vocabulary.
REFERENCE_SENTENCES = ["新款红色连衣裙 summer dress", "Wireless Bluetooth mouse 无线鼠标 2pcs 🎁"]


def build_vocabulary():
    tokens = list(SPECIAL_TOKENS)
    for token in list(dict.fromkeys(CJK_CHARACTERS)) + LATIN_WORDS + WORD_PIECES + SINGLE_CHARACTERS + PUNCTUATION:
        if token not in tokens:
            tokens.append(token)
    return {token: index for index, token in enumerate(tokens)}


# ---- Tokenizer: the same steps as BertNormalizer + BertPreTokenizer + WordPiece -------------

def is_cjk(character):
    code = ord(character)
    return (
        0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B73F or 0x2B740 <= code <= 0x2B81F or 0x2B820 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F
    )


def is_punctuation(character):
    code = ord(character)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(character).startswith("P")


def normalise(text):
    cleaned = []
    for character in text:
        if character == "\0" or character == "\ufffd" or unicodedata.category(character) in ("Cc", "Cf"):
            if character not in "\t\n\r":
                continue
        cleaned.append(" " if character.isspace() else character)
    text = "".join(cleaned)
    text = "".join(f" {c} " if is_cjk(c) else c for c in text)
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def pre_tokenise(text):
    words = []
    for chunk in text.split():
        current = ""
        for character in chunk:
            if is_punctuation(character):
                if current:
                    words.append(current)
                words.append(character)
                current = ""
            else:
                current += character
        if current:
            words.append(current)
    return words


def word_piece(word, vocabulary):
    pieces = []
    start = 0
    while start < len(word):
        end = len(word)
        found = None
        while start < end:
            candidate = word[start:end] if start == 0 else "##" + word[start:end]
            if candidate in vocabulary:
                found = candidate
                break
            end -= 1
        if found is None:
            return ["[UNK]"]
        pieces.append(found)
        start = end
    return pieces


def encode(text, vocabulary):
    tokens = ["[CLS]"]
    for word in pre_tokenise(normalise(text)):
        tokens.extend(word_piece(word, vocabulary))
    tokens.append("[SEP]")
    return [vocabulary[token] for token in tokens[:MAX_POSITIONS]]


# ---- Model: the BertModel forward pass without pooler -----------------------------------

class SelfAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.query = nn.Linear(HIDDEN, HIDDEN)
        self.key = nn.Linear(HIDDEN, HIDDEN)
        self.value = nn.Linear(HIDDEN, HIDDEN)
        self.output = nn.Linear(HIDDEN, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=LAYER_NORM_EPS)

    def split_heads(self, states):
        batch, length, _ = states.shape
        return states.view(batch, length, HEADS, HIDDEN // HEADS).transpose(1, 2)

    def forward(self, states, additive_mask):
        query = self.split_heads(self.query(states))
        key = self.split_heads(self.key(states))
        value = self.split_heads(self.value(states))
        scores = query @ key.transpose(-1, -2) / math.sqrt(HIDDEN // HEADS) + additive_mask
        context = torch.softmax(scores, dim=-1) @ value
        batch, _, length, _ = context.shape
        context = context.transpose(1, 2).reshape(batch, length, HIDDEN)
        return self.norm(self.output(context) + states)


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = SelfAttention()
        self.intermediate = nn.Linear(HIDDEN, INTERMEDIATE)
        self.output = nn.Linear(INTERMEDIATE, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=LAYER_NORM_EPS)

    def forward(self, states, additive_mask):
        attended = self.attention(states, additive_mask)
        expanded = nn.functional.gelu(self.intermediate(attended))
        return self.norm(self.output(expanded) + attended)


class TinyBert(nn.Module):
    def __init__(self, vocabulary_size):
        super().__init__()
        self.words = nn.Embedding(vocabulary_size, HIDDEN)
        self.positions = nn.Embedding(MAX_POSITIONS, HIDDEN)
        self.token_types = nn.Embedding(2, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=LAYER_NORM_EPS)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))

    def forward(self, input_ids, attention_mask, token_type_ids):
        positions = torch.arange(input_ids.shape[1]).unsqueeze(0)
        states = self.norm(self.words(input_ids) + self.positions(positions) + self.token_types(token_type_ids))
        # Padded positions get a large negative score so softmax gives them zero weight.
        additive_mask = (1.0 - attention_mask[:, None, None, :].to(states.dtype)) * -10000.0
        for layer in self.layers:
            states = layer(states, additive_mask)
        return states


def randomise(model):
    # Default initialisation leaves LayerNorm at gain 1 and bias 0; random gains and biases
    # make every weight matter, so a wrong input wiring in the export would change the output.
    generator = torch.Generator().manual_seed(SEED)
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.copy_(torch.randn(parameter.shape, generator=generator) * 0.3)
        for module in model.modules():
            if isinstance(module, nn.LayerNorm):
                module.weight.add_(1.0)


def mean_pool_normalised(states, attention_mask):
    mask = attention_mask.unsqueeze(-1).to(states.dtype)
    pooled = (states * mask).sum(dim=1) / mask.sum(dim=1)
    return pooled / pooled.norm(dim=-1, keepdim=True)


# ---- Files ------------------------------------------------------------------------------

def tokenizer_json(vocabulary):
    special = [
        {"id": vocabulary[token], "content": token, "single_word": False, "lstrip": False,
         "rstrip": False, "normalized": False, "special": True}
        for token in SPECIAL_TOKENS
    ]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": special,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                       {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {
                token: {"id": token, "ids": [vocabulary[token]], "tokens": [token]}
                for token in ("[CLS]", "[SEP]")
            },
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vocabulary},
    }


def tokenizer_config():
    return {
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": True,
        "tokenize_chinese_chars": True,
        "strip_accents": None,
        "model_max_length": MAX_POSITIONS,
        "cls_token": "[CLS]",
        "sep_token": "[SEP]",
        "pad_token": "[PAD]",
        "unk_token": "[UNK]",
        "mask_token": "[MASK]",
        "clean_up_tokenization_spaces": True,
    }


def model_config(vocabulary_size):
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": vocabulary_size,
        "hidden_size": HIDDEN,
        "num_hidden_layers": LAYERS,
        "num_attention_heads": HEADS,
        "intermediate_size": INTERMEDIATE,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0,
        "max_position_embeddings": MAX_POSITIONS,
        "type_vocab_size": 2,
        "layer_norm_eps": LAYER_NORM_EPS,
        "pad_token_id": 0,
        "position_embedding_type": "absolute",
    }


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(value, handle, ensure_ascii=False, indent=1)
        handle.write("\n")


def export_onnx(model, path):
    example = torch.tensor([encode(REFERENCE_SENTENCES[0], build_vocabulary())])
    dynamic = {0: "batch", 1: "sequence"}
    torch.onnx.export(
        model,
        (example, torch.ones_like(example), torch.zeros_like(example)),
        path,
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state"],
        dynamic_axes={"input_ids": dynamic, "attention_mask": dynamic, "token_type_ids": dynamic,
                      "last_hidden_state": dynamic},
        opset_version=14,
    )
    onnx.checker.check_model(onnx.load(path))


def reference_vectors(model, vocabulary):
    ids = [encode(sentence, vocabulary) for sentence in REFERENCE_SENTENCES]
    vectors = []
    with torch.no_grad():
        for sentence_ids in ids:
            input_ids = torch.tensor([sentence_ids])
            mask = torch.ones_like(input_ids)
            states = model(input_ids, mask, torch.zeros_like(input_ids))
            vectors.append(mean_pool_normalised(states, mask)[0].tolist())
    return {"sentences": REFERENCE_SENTENCES, "input_ids": ids, "embeddings": vectors}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-tiny-model.py OUTPUT_DIR")
    output = sys.argv[1]
    os.makedirs(os.path.join(output, "onnx"), exist_ok=True)

    torch.manual_seed(SEED)
    vocabulary = build_vocabulary()
    model = TinyBert(len(vocabulary))
    randomise(model)
    model.eval()

    write_json(os.path.join(output, "config.json"), model_config(len(vocabulary)))
    write_json(os.path.join(output, "tokenizer.json"), tokenizer_json(vocabulary))
    write_json(os.path.join(output, "tokenizer_config.json"), tokenizer_config())
    export_onnx(model, os.path.join(output, "onnx", "model.onnx"))
    write_json(os.path.join(output, "expected-embeddings.json"), reference_vectors(model, vocabulary))
    print(f"wrote a {len(vocabulary)}-token, {HIDDEN}-dimension model to {output}")


if __name__ == "__main__":
    main()
