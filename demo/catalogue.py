"""The demo catalogue loaded by `make run`: a small, realistic IT range.

Prices are HT; the VAT rate is the seller country's standard rate (set by the loader).
"""

from decimal import Decimal

D = Decimal

DEMO_CATEGORIES = [
    ("ordinateurs", "Ordinateurs portables et stations"),
    ("serveurs", "Serveurs et stockage"),
    ("ecrans", "Écrans"),
    ("reseau", "Réseau et câblage"),
    ("accessoires", "Accessoires et énergie"),
    ("mobilier", "Mobilier informatique"),
    ("jeux", "Consoles et jeux"),
    ("services", "Services"),
]

DEMO_PRODUCTS = [
    {
        "reference": "PC-PRO-14",
        "designation": 'Ordinateur portable 14" Core Ultra 7, 32 Go, 1 To SSD',
        "brand": "Lenovo",
        "category": "ordinateurs",
        "price_ht": D("1249.00"),
        "stock": 25,
        "tiers": [(5, D("1199.00")), (20, D("1149.00"))],
        "extra": {"eco_tax_ht": D("0.42"), "manufacturer_warranty": True},
    },
    {
        "reference": "PC-PRO-16",
        "designation": 'Ordinateur portable 16" Core Ultra 9, 64 Go, 2 To SSD',
        "brand": "Dell",
        "category": "ordinateurs",
        "price_ht": D("2189.00"),
        "stock": 8,
        "extra": {"eco_tax_ht": D("0.42")},
    },
    {
        "reference": "WS-CAD-01",
        "designation": "Station de travail CAO sur mesure, RTX 5000 Ada, 128 Go",
        "brand": "Assemblage maison",
        "category": "ordinateurs",
        "price_ht": D("6890.00"),
        "stock": 2,
        "extra": {
            "custom_configuration": True,
            "is_own_product": True,
            "is_currency_indexed": True,
            "indexed_currency": "USD",
        },
    },
    {
        "reference": "SRV-1U-32",
        "designation": "Serveur rack 1U, 32 cœurs, 256 Go ECC, 4 × 1,92 To NVMe",
        "brand": "HPE",
        "category": "serveurs",
        "price_ht": D("8450.00"),
        "stock": 3,
        "extra": {"order_separately": True},
    },
    {
        "reference": "ECR-27-4K",
        "designation": 'Écran 27" 4K IPS USB-C, pied réglable',
        "brand": "Eizo",
        "category": "ecrans",
        "price_ht": D("489.00"),
        "stock": 40,
        "extra": {"warranty_class": "monitor"},
    },
    {
        "reference": "ECR-24-FHD",
        "designation": 'Écran 24" Full HD IPS',
        "brand": "iiyama",
        "category": "ecrans",
        "price_ht": D("129.90"),
        "stock": 120,
        "tiers": [(10, D("119.90"))],
        "extra": {"warranty_class": "monitor", "eco_tax_ht": D("2.50")},
    },
    {
        "reference": "SW-24-POE",
        "designation": "Commutateur 24 ports Gigabit PoE+, 4 SFP+",
        "brand": "Cisco",
        "category": "reseau",
        "price_ht": D("1125.00"),
        "stock": 12,
    },
    {
        "reference": "NAS-4B",
        "designation": "Serveur NAS 4 baies, 2 × 10 GbE",
        "brand": "Synology",
        "category": "serveurs",
        "price_ht": D("749.00"),
        "stock": 10,
    },
    {
        "reference": "CAB-RJ45-3M",
        "designation": "Câble réseau RJ45 Cat 6A, 3 m (lot de 10)",
        "brand": "Dexlan",
        "category": "reseau",
        "price_ht": D("24.50"),
        "stock": 500,
        "extra": {"pack_multiple": 5, "lot_size": 10, "warranty_class": "consumables"},
    },
    {
        "reference": "DOCK-USBC",
        "designation": "Station d'accueil USB-C double écran",
        "brand": "Lenovo",
        "category": "accessoires",
        "price_ht": D("219.00"),
        "stock": 60,
    },
    {
        "reference": "ONDULEUR-1500",
        "designation": "Onduleur 1500 VA line-interactive",
        "brand": "APC",
        "category": "accessoires",
        "price_ht": D("389.00"),
        "stock": 15,
        "extra": {"eco_tax_ht": D("1.00")},
    },
    {
        "reference": "BUREAU-180",
        "designation": "Bureau technicien 180 × 80 cm, plateau antistatique",
        "brand": "Assemblage maison",
        "category": "mobilier",
        "price_ht": D("640.00"),
        "stock": 4,
        "extra": {"order_separately": True, "packaging_ht": D("25.00")},
    },
    {
        "reference": "CONSOLE-PS5",
        "designation": "Console de salon PS5 Slim 1 To (espace détente)",
        "brand": "Sony",
        "category": "jeux",
        "price_ht": D("399.00"),
        "stock": 6,
        "extra": {"is_console": True, "discount_class": "S"},
    },
    {
        "reference": "CART-TONER-X",
        "designation": "Cartouche de toner noir, 10 000 pages (fin de série)",
        "brand": "Brother",
        "category": "accessoires",
        "price_ht": D("59.00"),
        "stock": 30,
        "extra": {"discount_class": "L", "warranty_class": "cartridges"},
    },
    {
        "reference": "INSTALL-J",
        "designation": "Journée d'installation et de configuration sur site",
        "brand": "Services",
        "category": "services",
        "price_ht": D("690.00"),
        "stock": 0,
        "extra": {"warranty_class": "service"},
    },
]

# The seller's shipping table for the table modes of the terms (presets 000, 002, 003):
# (zone, carrier, from goods HT inclusive, fee HT). Staff edit it in the admin.
DEMO_SHIPPING_RATES = [
    ("fr_metro", "", D("0.00"), D("19.00")),
    ("fr_metro", "", D("500.00"), D("0.00")),
    ("be", "", D("0.00"), D("25.00")),
    ("be", "", D("750.00"), D("0.00")),
    ("lu", "", D("0.00"), D("29.00")),
    ("ch", "", D("0.00"), D("49.00")),
    ("dom_tom", "", D("0.00"), D("89.00")),
    ("", "bpost", D("0.00"), D("9.90")),
    ("", "DHL", D("0.00"), D("14.50")),
    ("", "DHL", D("300.00"), D("0.00")),
]
