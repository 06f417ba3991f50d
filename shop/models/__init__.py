from shop.models.catalogue import Product

__all__ = ["Product"]
