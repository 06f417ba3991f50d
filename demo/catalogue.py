"""The demo catalogue loaded by `make run`: a small, realistic IT range."""

from decimal import Decimal

# reference, designation, brand, price HT, stock
DEMO_PRODUCTS = [
    (
        "PC-PRO-14",
        'Ordinateur portable 14" Core Ultra 7, 32 Go, 1 To SSD',
        "Lenovo",
        Decimal("1249.00"),
        25,
    ),
    (
        "PC-PRO-16",
        'Ordinateur portable 16" Core Ultra 9, 64 Go, 2 To SSD',
        "Dell",
        Decimal("2189.00"),
        8,
    ),
    (
        "WS-CAD-01",
        "Station de travail CAO sur mesure, RTX 5000 Ada, 128 Go",
        "Assemblage maison",
        Decimal("6890.00"),
        2,
    ),
    (
        "SRV-1U-32",
        "Serveur rack 1U, 32 cœurs, 256 Go ECC, 4 × 1,92 To NVMe",
        "HPE",
        Decimal("8450.00"),
        3,
    ),
    ("ECR-27-4K", 'Écran 27" 4K IPS USB-C, pied réglable', "Eizo", Decimal("489.00"), 40),
    ("ECR-24-FHD", 'Écran 24" Full HD IPS', "iiyama", Decimal("129.90"), 120),
    ("SW-24-POE", "Commutateur 24 ports Gigabit PoE+, 4 SFP+", "Cisco", Decimal("1125.00"), 12),
    ("NAS-4B", "Serveur NAS 4 baies, 2 × 10 GbE", "Synology", Decimal("749.00"), 10),
    ("CAB-RJ45-3M", "Câble réseau RJ45 Cat 6A, 3 m (lot de 10)", "Dexlan", Decimal("24.50"), 500),
    ("DOCK-USBC", "Station d'accueil USB-C double écran", "Lenovo", Decimal("219.00"), 60),
    ("ONDULEUR-1500", "Onduleur 1500 VA line-interactive", "APC", Decimal("389.00"), 15),
    (
        "INSTALL-J",
        "Journée d'installation et de configuration sur site",
        "Services",
        Decimal("690.00"),
        0,
    ),
]
