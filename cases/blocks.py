from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="画像")
    alt = blocks.CharBlock(label="代替テキスト", max_length=200, help_text="画像の内容を説明する文（必須）")
    caption = blocks.CharBlock(label="キャプション", required=False, max_length=200)

    class Meta:
        label = "画像"
        icon = "image"
        template = "blocks/image_with_caption.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label="引用文")
    attribution = blocks.CharBlock(label="発言者・出典", required=False, max_length=200)

    class Meta:
        label = "引用"
        icon = "openquote"
        template = "blocks/quote.html"


class CaseBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label="段落", features=["bold", "italic", "link", "ol", "ul", "h3"])
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
