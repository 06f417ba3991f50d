"""The demo catalogue loaded by `make run`: some three hundred IT products of a B2B reseller.

Data as code, expanded deterministically: a `Family` is a product line (one brand, one
model, one description and specifications table) and each of its `Variant`s is a
product with its own reference, price and extra specifications. The flags are chosen
so that every rule of every preset can be seen: tiers (001 art. 8), pack multiples and
lots (004 art. 3, 002 art. 8), every warranty class, manufacturer warranty (000 art. 8,
003 art. 9.2), products to order separately (004 art. 3), discount classes L and S
(004 art. 4), eco-fee and packaging, consoles (004 art. 11), the seller's own and
made-to-order products (003, 000 art. 7), prices indexed on the dollar (000 art. 3),
and products out of stock (backorders).

Prices are HT; the VAT rate is the seller country's standard rate, books the reduced
rate (set by the loader).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product as combinations

from core.money import round_cents

D = Decimal
Specs = tuple[tuple[str, str], ...]

DEMO_CATEGORIES = [
    ("postes", "Postes de travail"),
    ("ordinateurs", "Ordinateurs portables"),
    ("ecrans", "Écrans"),
    ("serveurs", "Serveurs"),
    ("reseau", "Réseau et câblage"),
    ("stockage", "Stockage"),
    ("impression", "Impression et consommables"),
    ("logiciels", "Logiciels et livres"),
    ("services", "Services"),
    ("accessoires", "Accessoires et énergie"),
    ("mobilier", "Mobilier informatique"),
    ("jeux", "Consoles et jeux"),
]

# Books carry the reduced VAT rate: France 5.5 % (CGI art. 278-0 bis), Belgium 6 %
# (Code de la TVA, tableau A). Facts of law, as `shop.models.VAT_RATES_BY_COUNTRY`.
BOOK_VAT_RATE = {"FR": D("5.50"), "BE": D("6.00")}

# Tiers as a share of the list price: 3 % from 5 units, 6 % from 10, 10 % from 25.
TIER_STEPS = ((5, D("0.97")), (10, D("0.94")), (25, D("0.90")))


@dataclass(frozen=True)
class Variant:
    code: str
    label: str
    price_delta: Decimal = Decimal(0)
    specs: Specs = ()
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Family:
    category: str
    brand: str
    code: str
    name: str
    price: Decimal
    description: str
    specs: Specs = ()
    variants: tuple[Variant, ...] = (Variant("", ""),)
    extra: dict = field(default_factory=dict)
    tiers: bool = False


@dataclass(frozen=True)
class DemoProduct:
    reference: str
    designation: str
    brand: str
    category: str
    price_ht: Decimal
    stock: int
    description: str
    specifications: list[list[str]]
    tiers: tuple[tuple[int, Decimal], ...]
    extra: dict


def _configs(cpus, memories, disks) -> tuple[Variant, ...]:
    """Every combination of processor, memory and disk, each with its price step."""
    return tuple(
        Variant(
            f"{cpu[0]}-{mem[0]}-{disk[0]}",
            f"{cpu[1]}, {mem[1]}, SSD {disk[1]}",
            cpu[2] + mem[2] + disk[2],
            (("Processeur", cpu[1]), ("Mémoire", mem[1]), ("Stockage", f"SSD NVMe {disk[1]}")),
        )
        for cpu, mem, disk in combinations(cpus, memories, disks)
    )


def _sizes(*rows) -> tuple[Variant, ...]:
    """Variants named by a size or capacity: (code, label, price delta[, specs])."""
    return tuple(Variant(r[0], r[1], D(r[2]), r[3] if len(r) > 3 else ()) for r in rows)


INTEL_U = (("U5", "Core Ultra 5 125U", D("0")), ("U7", "Core Ultra 7 155U", D("230")))
INTEL_H = (("U7", "Core Ultra 7 155H", D("0")), ("U9", "Core Ultra 9 185H", D("390")))
MEM_16_32 = (("16", "16 Go", D("0")), ("32", "32 Go", D("140")))
MEM_32_64 = (("32", "32 Go", D("0")), ("64", "64 Go", D("260")))
SSD_512_1T = (("512", "512 Go", D("0")), ("1T", "1 To", D("90")))
SSD_1T_2T = (("1T", "1 To", D("0")), ("2T", "2 To", D("170")))

LAPTOP_DESCRIPTION = (
    "Ordinateur portable professionnel {size}, châssis en aluminium et clavier rétroéclairé "
    "résistant aux éclaboussures. Écran {screen} antireflet, webcam Full HD avec obturateur, "
    "lecteur d'empreintes et puce TPM 2.0 pour Windows 11 Pro. Deux ports Thunderbolt 4 "
    "pour la station d'accueil et un second moniteur. Livré avec son chargeur USB-C."
)
DESKTOP_DESCRIPTION = (
    "Poste de travail de bureau {form}, silencieux et économe, prévu pour la bureautique "
    "intensive et les logiciels métier. Processeur Intel vPro pour la gestion à distance, "
    "Wi-Fi 6E, deux sorties DisplayPort pour deux écrans. Livré avec clavier et souris "
    "filaires, Windows 11 Pro préinstallé."
)
MONITOR_DESCRIPTION = (
    "Écran professionnel {size} à dalle {panel}, pied réglable en hauteur, inclinaison et "
    "pivot, traitement antireflet et filtre de lumière bleue. {extra} Garantie selon la "
    "marque, échange sur site en cas de pixel défectueux."
)
SERVER_DESCRIPTION = (
    "Serveur {form} pour la virtualisation et les bases de données, processeurs Intel Xeon "
    "de 4e génération, mémoire DDR5 ECC, contrôleur RAID matériel et double alimentation "
    "redondante. Carte de gestion à distance (iLO, iDRAC ou XClarity) incluse. Livré en "
    "palette : à commander séparément."
)

FAMILIES: tuple[Family, ...] = (
    # --- postes de travail ---------------------------------------------------------------------
    Family(
        "postes",
        "Lenovo",
        "LEN-M70Q",
        "Lenovo ThinkCentre M70q Gen 5 Tiny",
        D("689.00"),
        DESKTOP_DESCRIPTION.format(form="ultra-compact (1 litre)"),
        (("Format", "Tiny, 1 litre"), ("Système", "Windows 11 Pro")),
        _configs(
            (("I5", "Core i5-14400T", D("0")), ("I7", "Core i7-14700T", D("210"))),
            MEM_16_32,
            SSD_512_1T,
        ),
        {"eco_tax_ht": D("0.84")},
        tiers=True,
    ),
    Family(
        "postes",
        "Dell",
        "DEL-OPT7020",
        "Dell OptiPlex 7020 SFF",
        D("749.00"),
        DESKTOP_DESCRIPTION.format(form="petit format (SFF)"),
        (("Format", "Small Form Factor"), ("Système", "Windows 11 Pro")),
        _configs(
            (("I5", "Core i5-14500", D("0")), ("I7", "Core i7-14700", D("240"))),
            MEM_16_32,
            SSD_512_1T,
        ),
        {"eco_tax_ht": D("0.84")},
        tiers=True,
    ),
    Family(
        "postes",
        "HP",
        "HP-ELM800",
        "HP Elite Mini 800 G9",
        D("829.00"),
        DESKTOP_DESCRIPTION.format(form="mini"),
        (("Format", "Mini"), ("Système", "Windows 11 Pro")),
        _configs((("I5", "Core i5-13500T", D("0")),), MEM_16_32, SSD_512_1T),
        {"eco_tax_ht": D("0.84"), "discount_class": "L"},
    ),
    Family(
        "postes",
        "HP",
        "HP-Z2G9",
        "Station de travail HP Z2 Tower G9",
        D("1890.00"),
        "Station de travail certifiée pour la CAO et le calcul (Autodesk, Dassault Systèmes), "
        "carte graphique NVIDIA RTX professionnelle, mémoire ECC en option, alimentation 700 W "
        "à haut rendement. Garantie constructeur 3 ans sur site, jour ouvré suivant.",
        (("Format", "Tour"), ("Carte graphique", "NVIDIA RTX 2000 Ada 16 Go")),
        _configs((*INTEL_H[:1], ("I9", "Core i9-14900K", D("450"))), MEM_32_64, SSD_1T_2T),
        {"eco_tax_ht": D("0.84"), "manufacturer_warranty": True},
    ),
    Family(
        "postes",
        "Dell",
        "DEL-P3680",
        "Station de travail Dell Precision 3680 Tower",
        D("2290.00"),
        "Station de travail tour pour la modélisation 3D et le rendu, certifiée ISV, "
        "jusqu'à deux cartes graphiques professionnelles. Garantie constructeur ProSupport "
        "3 ans sur site.",
        (("Format", "Tour"), ("Carte graphique", "NVIDIA RTX 4000 Ada 20 Go")),
        _configs((("I9", "Core i9-14900K", D("0")),), MEM_32_64, SSD_1T_2T),
        {"eco_tax_ht": D("0.84"), "manufacturer_warranty": True},
    ),
    Family(
        "postes",
        "Assemblage maison",
        "WS-CAD",
        "Station de travail CAO sur mesure",
        D("6890.00"),
        "Station de travail assemblée dans notre atelier selon votre cahier des charges : "
        "carte graphique RTX 5000 Ada, processeur Threadripper, refroidissement liquide. "
        "Prix indexé sur le dollar (composants achetés en USD). Configuration sur mesure : "
        "ni reprise ni échange une fois assemblée.",
        (("Carte graphique", "NVIDIA RTX 5000 Ada 32 Go"), ("Processeur", "Threadripper 7960X")),
        _sizes(
            ("01", "RTX 5000 Ada, 128 Go", "0", (("Mémoire", "128 Go ECC"),)),
            ("02", "2 × RTX 5000 Ada, 256 Go", "5400", (("Mémoire", "256 Go ECC"),)),
        ),
        {
            "custom_configuration": True,
            "is_own_product": True,
            "is_currency_indexed": True,
            "indexed_currency": "USD",
            "eco_tax_ht": D("0.84"),
        },
    ),
    # --- ordinateurs portables -----------------------------------------------------------------
    Family(
        "ordinateurs",
        "Lenovo",
        "LEN-T14G5",
        'Lenovo ThinkPad T14 Gen 5 14"',
        D("1149.00"),
        LAPTOP_DESCRIPTION.format(size="14 pouces", screen="WUXGA IPS"),
        (("Écran", '14" WUXGA 1920 × 1200 IPS'), ("Poids", "1,37 kg"), ("Autonomie", "12 h")),
        _configs(INTEL_U, MEM_16_32, SSD_512_1T),
        {"eco_tax_ht": D("0.42"), "manufacturer_warranty": True},
        tiers=True,
    ),
    Family(
        "ordinateurs",
        "Lenovo",
        "LEN-X1C12",
        'Lenovo ThinkPad X1 Carbon Gen 12 14"',
        D("1790.00"),
        LAPTOP_DESCRIPTION.format(size="ultraléger 14 pouces", screen="2,8K OLED"),
        (("Écran", '14" 2,8K OLED'), ("Poids", "1,09 kg"), ("Autonomie", "14 h")),
        _configs(INTEL_U, (*MEM_16_32, ("64", "64 Go", D("420"))), SSD_1T_2T),
        {"eco_tax_ht": D("0.42"), "manufacturer_warranty": True},
    ),
    Family(
        "ordinateurs",
        "Dell",
        "DEL-L5450",
        'Dell Latitude 5450 14"',
        D("1049.00"),
        LAPTOP_DESCRIPTION.format(size="14 pouces", screen="Full HD IPS"),
        (("Écran", '14" Full HD IPS'), ("Poids", "1,39 kg"), ("Autonomie", "11 h")),
        _configs(INTEL_U, MEM_16_32, SSD_512_1T),
        {"eco_tax_ht": D("0.42")},
        tiers=True,
    ),
    Family(
        "ordinateurs",
        "Dell",
        "DEL-L7450",
        'Dell Latitude 7450 14" 2-en-1',
        D("1590.00"),
        LAPTOP_DESCRIPTION.format(size="convertible 14 pouces", screen="tactile QHD+"),
        (("Écran", '14" QHD+ tactile'), ("Poids", "1,45 kg"), ("Stylet", "compatible")),
        _configs(INTEL_U, MEM_16_32, (*SSD_512_1T[1:], ("2T", "2 To", D("260")))),
        {"eco_tax_ht": D("0.42")},
    ),
    Family(
        "ordinateurs",
        "HP",
        "HP-EB840",
        'HP EliteBook 840 G11 14"',
        D("1290.00"),
        LAPTOP_DESCRIPTION.format(size="14 pouces", screen="WUXGA IPS"),
        (("Écran", '14" WUXGA IPS 400 nits'), ("Poids", "1,36 kg"), ("Autonomie", "13 h")),
        _configs(INTEL_U, MEM_16_32, SSD_512_1T),
        {"eco_tax_ht": D("0.42")},
        tiers=True,
    ),
    Family(
        "ordinateurs",
        "HP",
        "HP-PB450",
        'HP ProBook 450 G10 15,6"',
        D("849.00"),
        LAPTOP_DESCRIPTION.format(size="15,6 pouces", screen="Full HD"),
        (("Écran", '15,6" Full HD IPS'), ("Poids", "1,79 kg"), ("Pavé numérique", "oui")),
        _configs(
            (("I5", "Core i5-1335U", D("0")), ("I7", "Core i7-1355U", D("190"))),
            MEM_16_32,
            SSD_512_1T[:1],
        ),
        {"eco_tax_ht": D("0.42"), "discount_class": "L"},
    ),
    Family(
        "ordinateurs",
        "Apple",
        "APL-MBA13",
        'Apple MacBook Air 13" puce M3',
        D("1099.00"),
        "MacBook Air 13 pouces sans ventilateur, écran Liquid Retina, jusqu'à 18 heures "
        "d'autonomie, deux ports Thunderbolt et MagSafe. Prix net Apple, jamais remisé ; "
        "garantie assurée par le constructeur (AppleCare).",
        (("Écran", '13,6" Liquid Retina'), ("Poids", "1,24 kg"), ("Autonomie", "18 h")),
        _sizes(
            ("8C-16-256", "8 cœurs, 16 Go, SSD 256 Go", "0"),
            ("8C-16-512", "8 cœurs, 16 Go, SSD 512 Go", "230"),
            ("10C-24-1T", "10 cœurs, 24 Go, SSD 1 To", "690"),
        ),
        {"eco_tax_ht": D("0.42"), "manufacturer_warranty": True, "discount_class": "S"},
    ),
    Family(
        "ordinateurs",
        "Apple",
        "APL-MBP14",
        'Apple MacBook Pro 14" puce M4 Pro',
        D("2399.00"),
        "MacBook Pro 14 pouces pour le développement et la vidéo, écran Liquid Retina XDR "
        "jusqu'à 1 600 nits, trois ports Thunderbolt 5, HDMI et lecteur SDXC. Prix net Apple, "
        "jamais remisé ; garantie assurée par le constructeur (AppleCare).",
        (("Écran", '14,2" Liquid Retina XDR'), ("Poids", "1,60 kg")),
        _sizes(
            ("12C-24-512", "12 cœurs, 24 Go, SSD 512 Go", "0"),
            ("14C-48-1T", "14 cœurs, 48 Go, SSD 1 To", "1150"),
        ),
        {"eco_tax_ht": D("0.42"), "manufacturer_warranty": True, "discount_class": "S"},
    ),
    Family(
        "ordinateurs",
        "Lenovo",
        "PC-PRO",
        "Ordinateur portable",
        D("1249.00"),
        LAPTOP_DESCRIPTION.format(size="14 ou 16 pouces", screen="WUXGA"),
        (("Système", "Windows 11 Pro"),),
        (
            Variant(
                "14",
                '14" Core Ultra 7, 32 Go, 1 To SSD',
                D("0"),
                (("Écran", '14" WUXGA'), ("Mémoire", "32 Go")),
            ),
            Variant(
                "16",
                '16" Core Ultra 9, 64 Go, 2 To SSD',
                D("940"),
                (("Écran", '16" WQXGA'), ("Mémoire", "64 Go")),
                {"manufacturer_warranty": False},
            ),
        ),
        {"eco_tax_ht": D("0.42"), "manufacturer_warranty": True},
        tiers=True,
    ),
    # --- écrans --------------------------------------------------------------------------------
    Family(
        "ecrans",
        "Dell",
        "DEL-P24",
        'Écran Dell P2425H 24" Full HD',
        D("169.00"),
        MONITOR_DESCRIPTION.format(size="24 pouces", panel="IPS", extra=""),
        (("Diagonale", '23,8"'), ("Définition", "1920 × 1080"), ("Connectique", "HDMI, DP, VGA")),
        extra={"warranty_class": "monitor", "eco_tax_ht": D("2.50")},
        tiers=True,
    ),
    Family(
        "ecrans",
        "Dell",
        "DEL-U27",
        "Écran Dell UltraSharp",
        D("549.00"),
        MONITOR_DESCRIPTION.format(
            size="27 à 32 pouces",
            panel="IPS Black",
            extra="Concentrateur USB-C 90 W : un seul câble pour l'ordinateur portable.",
        ),
        (("Connectique", "USB-C 90 W, HDMI, DP, RJ45"),),
        _sizes(
            ("2724D", 'U2724D 27" QHD', "0", (("Définition", "2560 × 1440"),)),
            ("2723QE", 'U2723QE 27" 4K', "120", (("Définition", "3840 × 2160"),)),
            ("3224KB", 'U3224KB 32" 6K', "1490", (("Définition", "6144 × 3456"),)),
        ),
        {"warranty_class": "monitor", "eco_tax_ht": D("2.50")},
    ),
    Family(
        "ecrans",
        "Eizo",
        "ECR",
        "Écran",
        D("489.00"),
        MONITOR_DESCRIPTION.format(size="24 ou 27 pouces", panel="IPS", extra=""),
        (),
        (
            Variant(
                "27-4K",
                '27" 4K IPS USB-C, pied réglable',
                D("0"),
                (("Définition", "3840 × 2160"), ("Gamme", "FlexScan")),
            ),
            Variant(
                "24-FHD",
                '24" Full HD IPS',
                D("-359.10"),
                (("Définition", "1920 × 1080"),),
                {"brand": "iiyama"},
            ),
        ),
        {"warranty_class": "monitor", "eco_tax_ht": D("2.50")},
        tiers=True,
    ),
    Family(
        "ecrans",
        "Eizo",
        "EIZ-EV",
        "Écran Eizo FlexScan",
        D("379.00"),
        MONITOR_DESCRIPTION.format(
            size="24 ou 27 pouces",
            panel="IPS",
            extra="Garantie constructeur 5 ans, zéro pixel mort pendant 6 mois.",
        ),
        (("Garantie", "5 ans constructeur"),),
        _sizes(
            ("2490", 'EV2490 24" Full HD USB-C', "0", (("Définition", "1920 × 1080"),)),
            ("2795", 'EV2795 27" QHD USB-C RJ45', "260", (("Définition", "2560 × 1440"),)),
        ),
        {"warranty_class": "monitor", "eco_tax_ht": D("2.50"), "manufacturer_warranty": True},
    ),
    Family(
        "ecrans",
        "Eizo",
        "EIZ-CS2740",
        'Écran Eizo ColorEdge CS2740 27" 4K calibrable',
        D("1690.00"),
        "Écran de retouche photo et de prépresse, 99 % Adobe RGB, calibration matérielle avec "
        "ColorNavigator, casquette de protection fournie.",
        (("Définition", "3840 × 2160"), ("Gamut", "99 % Adobe RGB")),
        extra={"warranty_class": "monitor", "eco_tax_ht": D("2.50")},
    ),
    Family(
        "ecrans",
        "iiyama",
        "IIY-XU",
        "Écran iiyama ProLite",
        D("139.00"),
        MONITOR_DESCRIPTION.format(size="22 à 27 pouces", panel="IPS", extra=""),
        (("Haut-parleurs", "2 × 2 W"),),
        _sizes(
            ("2293HS", 'XU2293HS 22" Full HD', "-20", (("Définition", "1920 × 1080"),)),
            ("2493HS", 'XU2493HS 24" Full HD', "0", (("Définition", "1920 × 1080"),)),
            ("2792QSU", 'XUB2792QSU 27" QHD', "90", (("Définition", "2560 × 1440"),)),
        ),
        {"warranty_class": "monitor", "eco_tax_ht": D("2.50")},
        tiers=True,
    ),
    Family(
        "ecrans",
        "LG",
        "LG-27UP",
        'Écran LG 27UP850N 27" 4K HDR USB-C',
        D("399.00"),
        MONITOR_DESCRIPTION.format(size="27 pouces", panel="IPS", extra="HDR 400."),
        (("Définition", "3840 × 2160"), ("USB-C", "96 W")),
        extra={"warranty_class": "monitor", "eco_tax_ht": D("2.50"), "discount_class": "L"},
    ),
    Family(
        "ecrans",
        "Philips",
        "PHI-346",
        'Moniteur incurvé Philips 346B1C 34" UltraWide',
        D("429.00"),
        MONITOR_DESCRIPTION.format(
            size="34 pouces incurvé", panel="VA", extra="Webcam escamotable et station USB-C."
        ),
        (("Définition", "3440 × 1440"), ("Format", "21:9")),
        extra={"warranty_class": "monitor", "eco_tax_ht": D("2.50")},
    ),
    Family(
        "ecrans",
        "Samsung",
        "SAM-S8",
        'Moniteur Samsung ViewFinity S8 32" 4K',
        D("459.00"),
        MONITOR_DESCRIPTION.format(size="32 pouces", panel="VA", extra=""),
        (("Définition", "3840 × 2160"),),
        extra={"warranty_class": "monitor", "eco_tax_ht": D("2.50")},
    ),
    # --- serveurs ------------------------------------------------------------------------------
    Family(
        "serveurs",
        "HPE",
        "HPE-DL360",
        "Serveur rack 1U HPE ProLiant DL360 Gen11",
        D("4390.00"),
        SERVER_DESCRIPTION.format(form="rack 1U"),
        (("Format", "Rack 1U"), ("Baies", "8 × SFF NVMe"), ("Alimentation", "2 × 800 W")),
        _sizes(
            ("16C-64", "1 × Xeon Silver 4416+, 64 Go", "0", (("Mémoire", "64 Go DDR5 ECC"),)),
            ("32C-256", "2 × Xeon Silver 4416+, 256 Go", "3900", (("Mémoire", "256 Go DDR5 ECC"),)),
        ),
        {"order_separately": True, "manufacturer_warranty": True, "eco_tax_ht": D("5.00")},
    ),
    Family(
        "serveurs",
        "HPE",
        "HPE-DL380",
        "Serveur rack 2U HPE ProLiant DL380 Gen11",
        D("5890.00"),
        SERVER_DESCRIPTION.format(form="rack 2U"),
        (("Format", "Rack 2U"), ("Baies", "12 × LFF"), ("Alimentation", "2 × 1000 W")),
        _sizes(
            ("32C-128", "2 × Xeon Gold 5415+, 128 Go", "0", (("Mémoire", "128 Go DDR5 ECC"),)),
            ("48C-512", "2 × Xeon Gold 6442Y, 512 Go", "9200", (("Mémoire", "512 Go DDR5 ECC"),)),
        ),
        {"order_separately": True, "manufacturer_warranty": True, "eco_tax_ht": D("5.00")},
    ),
    Family(
        "serveurs",
        "Dell",
        "DEL-R660",
        "Serveur rack 1U Dell PowerEdge R660xs",
        D("4190.00"),
        SERVER_DESCRIPTION.format(form="rack 1U"),
        (("Format", "Rack 1U"), ("Baies", "10 × SFF")),
        _sizes(
            ("16C-64", "Xeon Silver 4410Y, 64 Go", "0"),
            ("24C-128", "Xeon Gold 5416S, 128 Go", "1850"),
        ),
        {"order_separately": True, "eco_tax_ht": D("5.00")},
    ),
    Family(
        "serveurs",
        "Dell",
        "DEL-T160",
        "Serveur tour Dell PowerEdge T160",
        D("1290.00"),
        "Petit serveur tour silencieux pour une PME : partage de fichiers, sauvegardes, "
        "annuaire. Quatre baies 3,5 pouces, mémoire ECC, carte iDRAC.",
        (("Format", "Tour"), ("Baies", "4 × LFF"), ("Processeur", "Xeon E-2414")),
        _sizes(("16", "16 Go, 2 × 2 To", "0"), ("32", "32 Go, 2 × 4 To", "540")),
        {"eco_tax_ht": D("1.00")},
    ),
    Family(
        "serveurs",
        "Lenovo",
        "LEN-SR630",
        "Serveur rack 1U Lenovo ThinkSystem SR630 V3",
        D("4690.00"),
        SERVER_DESCRIPTION.format(form="rack 1U"),
        (("Format", "Rack 1U"), ("Gestion", "XClarity Controller")),
        extra={"order_separately": True, "eco_tax_ht": D("5.00"), "stock": 0},
    ),
    Family(
        "serveurs",
        "HPE",
        "SRV-1U",
        "Serveur rack 1U, 32 cœurs, 256 Go ECC, 4 × 1,92 To NVMe",
        D("8450.00"),
        SERVER_DESCRIPTION.format(form="rack 1U"),
        (("Format", "Rack 1U"), ("Stockage", "4 × 1,92 To NVMe")),
        (Variant("32", ""),),
        {"order_separately": True, "manufacturer_warranty": True},
    ),
    Family(
        "serveurs",
        "Kingston",
        "KSM-DDR5",
        "Barrette mémoire serveur DDR5 4800 ECC RDIMM",
        D("119.00"),
        "Module de mémoire ECC enregistrée pour serveurs Xeon de 4e génération. Électronique "
        "nue : à installer par un technicien, garantie limitée à l'échange du module.",
        (("Type", "DDR5 RDIMM ECC"), ("Fréquence", "4800 MT/s")),
        _sizes(("16", "16 Go", "0"), ("32", "32 Go", "95"), ("64", "64 Go", "290")),
        {"warranty_class": "bare_electronics"},
        tiers=True,
    ),
    Family(
        "serveurs",
        "Intel",
        "INT-XEON",
        "Processeur Intel Xeon",
        D("489.00"),
        "Processeur serveur en boîte OEM, sans ventirad. Électronique nue : manipulation avec "
        "bracelet antistatique, garantie limitée à l'échange.",
        (("Socket", "LGA 4677"),),
        _sizes(("4410Y", "Silver 4410Y 12 cœurs", "0"), ("5416S", "Gold 5416S 16 cœurs", "780")),
        {"warranty_class": "bare_electronics"},
    ),
    Family(
        "serveurs",
        "NVIDIA",
        "NV-RTX4000",
        "Carte graphique NVIDIA RTX 4000 Ada 20 Go",
        D("1390.00"),
        "Carte graphique professionnelle à un slot pour stations et serveurs d'inférence. "
        "Électronique nue, prix indexé sur le dollar.",
        (("Mémoire", "20 Go GDDR6 ECC"), ("Consommation", "130 W")),
        extra={
            "warranty_class": "bare_electronics",
            "is_currency_indexed": True,
            "indexed_currency": "USD",
        },
    ),
    # --- réseau --------------------------------------------------------------------------------
    Family(
        "reseau",
        "Cisco",
        "CIS-C1300",
        "Commutateur Cisco Catalyst 1300",
        D("289.00"),
        "Commutateur administrable de niveau 2+ pour les petites et moyennes entreprises : "
        "VLAN, QoS, agrégation de liens, interface web et CLI, ventilation silencieuse. "
        "Montage en baie 19 pouces inclus.",
        (("Administration", "Web, CLI, SNMP"), ("Montage", 'Baie 19"')),
        _sizes(
            ("8P", "8 ports Gigabit PoE+", "0", (("Ports", "8 × 1 GbE PoE+, 2 × SFP"),)),
            ("16P", "16 ports Gigabit PoE+", "260", (("Ports", "16 × 1 GbE PoE+, 2 × SFP"),)),
            ("24P", "24 ports Gigabit PoE+", "590", (("Ports", "24 × 1 GbE PoE+, 4 × SFP+"),)),
            ("48P", "48 ports Gigabit PoE+", "1390", (("Ports", "48 × 1 GbE PoE+, 4 × SFP+"),)),
        ),
        tiers=True,
    ),
    Family(
        "reseau",
        "Cisco",
        "SW-24",
        "Commutateur 24 ports Gigabit PoE+, 4 SFP+",
        D("1125.00"),
        "Commutateur de cœur de réseau pour une agence : 24 ports PoE+ pour téléphones et "
        "bornes Wi-Fi, quatre liens 10 GbE vers les serveurs.",
        (("Ports", "24 × 1 GbE PoE+, 4 × SFP+"), ("Budget PoE", "370 W")),
        (Variant("POE", ""),),
    ),
    Family(
        "reseau",
        "Netgear",
        "NTG-GS3",
        "Switch Netgear ProSAFE GS3",
        D("69.00"),
        "Switch non administrable en boîtier métal, sans ventilateur, pour étendre le réseau "
        "d'un bureau ou d'une salle de réunion.",
        (("Administration", "aucune (plug and play)"),),
        _sizes(("08", "GS308 8 ports Gigabit", "0"), ("16", "GS316 16 ports Gigabit", "60")),
        tiers=True,
    ),
    Family(
        "reseau",
        "Ubiquiti",
        "UBQ-U7PRO",
        "Borne Wi-Fi 7 Ubiquiti UniFi U7 Pro",
        D("189.00"),
        "Point d'accès Wi-Fi 7 tri-bande au plafond, alimenté en PoE+, administré depuis la "
        "console UniFi. Prix indexé sur le dollar.",
        (("Norme", "Wi-Fi 7 (802.11be)"), ("Alimentation", "PoE+")),
        extra={"is_currency_indexed": True, "indexed_currency": "USD"},
        tiers=True,
    ),
    Family(
        "reseau",
        "Ubiquiti",
        "UBQ-USW",
        "Switch Ubiquiti UniFi Pro",
        D("399.00"),
        "Switch de niveau 3 administré depuis la console UniFi, ports PoE+ et liaisons SFP+.",
        (("Administration", "UniFi Network"),),
        _sizes(("24P", "24 ports PoE", "0"), ("48P", "48 ports PoE", "500")),
    ),
    Family(
        "reseau",
        "Fortinet",
        "FTN-FG",
        "Pare-feu Fortinet FortiGate",
        D("549.00"),
        "Pare-feu nouvelle génération avec VPN IPsec et SSL, filtrage web, contrôle "
        "applicatif. Licence de services de sécurité vendue séparément.",
        (("Débit pare-feu", "10 Gbit/s"),),
        _sizes(("40F", "40F", "0"), ("60F", "60F", "290"), ("100F", "100F", "2390")),
    ),
    Family(
        "reseau",
        "TP-Link",
        "TPL-ER605",
        "Routeur VPN TP-Link Omada ER605",
        D("59.00"),
        "Routeur multi-WAN pour petite agence : répartition de charge entre deux accès internet, "
        "VPN site à site.",
        (("Ports WAN", "jusqu'à 4"),),
    ),
    Family(
        "reseau",
        "Dexlan",
        "CAB-RJ45",
        "Câble réseau RJ45 Cat 6A S/FTP,",
        D("14.50"),
        "Cordons de brassage blindés S/FTP, gaine LSZH sans halogène, manchons surmoulés. Vendus "
        "par lot de 10 cordons de même longueur, commande par multiples de 5 lots.",
        (("Catégorie", "6A, 500 MHz"), ("Blindage", "S/FTP")),
        _sizes(
            ("05M", "0,5 m (lot de 10)", "-3.50"),
            ("1M", "1 m (lot de 10)", "0"),
            ("2M", "2 m (lot de 10)", "4.00"),
            ("3M", "3 m (lot de 10)", "10.00"),
            ("5M", "5 m (lot de 10)", "19.00"),
        ),
        {"pack_multiple": 5, "lot_size": 10, "warranty_class": "consumables"},
        tiers=True,
    ),
    Family(
        "reseau",
        "Dexlan",
        "FIB-OM4",
        "Jarretière fibre optique OM4 LC/LC duplex",
        D("12.90"),
        "Jarretière multimode OM4 pour liens 10 et 40 GbE en baie. Consommable.",
        (("Connecteurs", "LC/LC duplex"),),
        _sizes(("1M", "1 m", "0"), ("3M", "3 m", "2.10"), ("10M", "10 m", "7.80")),
        {"warranty_class": "consumables", "pack_multiple": 2},
    ),
    # --- stockage ------------------------------------------------------------------------------
    Family(
        "stockage",
        "Synology",
        "SYN-DS",
        "Serveur NAS Synology DiskStation",
        D("329.00"),
        "Serveur de stockage en réseau pour le partage de fichiers, la sauvegarde des postes "
        "et la synchronisation, instantanés Btrfs, application de sauvegarde Microsoft 365. "
        "Livré sans disques.",
        (("Système", "DSM 7"),),
        _sizes(
            ("224", "DS224+ 2 baies", "0", (("Baies", "2"),)),
            ("423", "DS423+ 4 baies", "270", (("Baies", "4"),)),
            ("923", "DS923+ 4 baies, 10 GbE en option", "330", (("Baies", "4"),)),
            ("1522", "DS1522+ 5 baies", "510", (("Baies", "5"),)),
        ),
        {"eco_tax_ht": D("0.42")},
    ),
    Family(
        "stockage",
        "Synology",
        "NAS-4B",
        "Serveur NAS 4 baies, 2 × 10 GbE",
        D("749.00"),
        "Serveur de stockage 4 baies avec deux ports 10 GbE pour la vidéo et la virtualisation.",
        (("Baies", "4"), ("Réseau", "2 × 10 GbE")),
        (Variant("", ""),),
    ),
    Family(
        "stockage",
        "Synology",
        "SYN-RS1221",
        "Baie de stockage rack Synology RS1221+ 8 baies",
        D("1490.00"),
        "NAS rack 2U 8 baies, extensible à 12 disques, pour les sauvegardes de serveurs. "
        "À commander séparément.",
        (("Format", "Rack 2U"), ("Baies", "8")),
        extra={"order_separately": True, "eco_tax_ht": D("1.00")},
    ),
    Family(
        "stockage",
        "Seagate",
        "SEA-IW",
        'Disque dur NAS Seagate IronWolf 3,5"',
        D("99.00"),
        "Disque dur pour NAS fonctionnant 24 h/24, capteurs de vibration, 3 ans de récupération "
        "de données Rescue inclus.",
        (("Format", '3,5" SATA'), ("Vitesse", "7 200 tr/min")),
        _sizes(
            ("4T", "4 To", "0"),
            ("8T", "8 To", "90"),
            ("12T", "12 To", "170"),
            ("16T", "16 To", "260"),
        ),
        {"manufacturer_warranty": True},
        tiers=True,
    ),
    Family(
        "stockage",
        "Western Digital",
        "WD-RED",
        'Disque dur WD Red Plus 3,5"',
        D("95.00"),
        "Disque dur CMR pour NAS de 1 à 8 baies, silencieux et économe.",
        (("Format", '3,5" SATA'),),
        _sizes(("4T", "4 To", "0"), ("6T", "6 To", "50"), ("8T", "8 To", "95")),
        {"manufacturer_warranty": True},
        tiers=True,
    ),
    Family(
        "stockage",
        "Samsung",
        "SAM-990",
        "SSD Samsung 990 PRO NVMe M.2",
        D("109.00"),
        "SSD PCIe 4.0 haut de gamme pour stations de travail : jusqu'à 7 450 Mo/s en lecture. "
        "Garantie constructeur 5 ans.",
        (("Format", "M.2 2280"), ("Interface", "PCIe 4.0 × 4")),
        _sizes(("1T", "1 To", "0"), ("2T", "2 To", "80"), ("4T", "4 To", "230")),
        {"manufacturer_warranty": True},
        tiers=True,
    ),
    Family(
        "stockage",
        "Crucial",
        "CRU-MX500",
        'SSD Crucial MX500 2,5" SATA',
        D("54.00"),
        "SSD SATA pour rajeunir un poste : remplace le disque dur d'origine, kit de clonage "
        "fourni.",
        (("Format", '2,5" SATA'),),
        _sizes(("500", "500 Go", "0"), ("1T", "1 To", "25"), ("2T", "2 To", "85")),
        {"discount_class": "L"},
        tiers=True,
    ),
    Family(
        "stockage",
        "Verbatim",
        "VRB-DVDR",
        "DVD-R vierges 4,7 Go 16x (tour de 50)",
        D("19.90"),
        "Disques DVD-R enregistrables pour l'archivage. Support de stockage : garantie limitée "
        "au remplacement d'un disque défectueux non gravé.",
        (("Capacité", "4,7 Go"), ("Conditionnement", "tour de 50")),
        extra={"warranty_class": "storage_media", "lot_size": 50},
    ),
    Family(
        "stockage",
        "Quantum",
        "QTM-LTO9",
        "Cartouche de sauvegarde LTO-9 18 To",
        D("109.00"),
        "Bande de sauvegarde LTO-9 (18 To natifs, 45 To compressés) pour la rotation "
        "hebdomadaire et l'archivage hors site. Support de stockage, vendu par 5.",
        (("Capacité", "18 To natifs"),),
        extra={"warranty_class": "storage_media", "pack_multiple": 5},
    ),
    Family(
        "stockage",
        "Kingston",
        "KNG-DT",
        "Clé USB chiffrée Kingston IronKey",
        D("59.00"),
        "Clé USB à chiffrement matériel AES 256, boîtier étanche, pour transporter des "
        "données sensibles.",
        (("Chiffrement", "AES-XTS 256 bits"),),
        _sizes(("16", "16 Go", "0"), ("64", "64 Go", "45")),
        {"warranty_class": "storage_media"},
        tiers=True,
    ),
    # --- impression ----------------------------------------------------------------------------
    Family(
        "impression",
        "HP",
        "HP-LJ4002",
        "Imprimante laser HP LaserJet Pro 4002dn",
        D("259.00"),
        "Imprimante laser monochrome A4 pour un service de 5 à 10 personnes : 40 pages par "
        "minute, recto verso automatique, réseau Ethernet, impression sécurisée.",
        (("Vitesse", "40 ppm"), ("Format", "A4"), ("Connectique", "Ethernet, USB")),
        extra={"eco_tax_ht": D("1.50")},
        tiers=True,
    ),
    Family(
        "impression",
        "HP",
        "HP-CLJ4302",
        "Imprimante multifonction laser couleur HP 4302fdw",
        D("649.00"),
        "Multifonction couleur A4 : impression, copie, numérisation recto verso, télécopie, "
        "Wi-Fi et Ethernet.",
        (("Vitesse", "33 ppm"), ("Fonctions", "impression, copie, scan, fax")),
        extra={"eco_tax_ht": D("1.50")},
    ),
    Family(
        "impression",
        "Brother",
        "BRO-HL",
        "Imprimante laser Brother",
        D("219.00"),
        "Imprimante laser monochrome robuste, faible coût par page grâce aux toners haute "
        "capacité.",
        (("Format", "A4"),),
        _sizes(("L5210DN", "HL-L5210DN", "0"), ("L6410DN", "HL-L6410DN", "260")),
        {"eco_tax_ht": D("1.50")},
        tiers=True,
    ),
    Family(
        "impression",
        "Brother",
        "BRO-MFC",
        "Imprimante multifonction Brother MFC-L8900CDW",
        D("589.00"),
        "Multifonction laser couleur pour un petit bureau, chargeur de documents 50 feuilles.",
        (("Format", "A4"), ("Vitesse", "31 ppm")),
        extra={"eco_tax_ht": D("1.50"), "discount_class": "L"},
    ),
    Family(
        "impression",
        "Epson",
        "EPS-WF",
        "Imprimante jet d'encre Epson WorkForce Pro WF-C5890",
        D("329.00"),
        "Multifonction jet d'encre professionnelle, sans chaleur : faible consommation, "
        "cartouches haute capacité.",
        (("Format", "A4"), ("Technologie", "jet d'encre PrecisionCore")),
        extra={"eco_tax_ht": D("1.50")},
    ),
    Family(
        "impression",
        "Canon",
        "CAN-C3830",
        "Copieur multifonction A3 Canon imageRUNNER C3830i",
        D("4890.00"),
        "Copieur couleur A3 sur meuble, finisseur et agrafage, pour un étage de 30 personnes. "
        "Livré et installé sur palette : à commander séparément.",
        (("Format", "A3"), ("Vitesse", "30 ppm")),
        extra={"order_separately": True, "eco_tax_ht": D("8.00"), "packaging_ht": D("45.00")},
    ),
    Family(
        "impression",
        "HP",
        "HP-TONER",
        "Toner HP LaserJet d'origine",
        D("129.00"),
        "Cartouche de toner d'origine HP. Cartouche : garantie jusqu'à épuisement du toner.",
        (),
        _sizes(
            ("149A", "149A noir, 2 900 pages", "0", (("Rendement", "2 900 pages"),)),
            ("149X", "149X noir, 9 500 pages", "110", (("Rendement", "9 500 pages"),)),
            ("212A-C", "212A cyan, 4 500 pages", "90", (("Rendement", "4 500 pages"),)),
            ("212A-M", "212A magenta, 4 500 pages", "90", (("Rendement", "4 500 pages"),)),
            ("212A-Y", "212A jaune, 4 500 pages", "90", (("Rendement", "4 500 pages"),)),
        ),
        {"warranty_class": "cartridges"},
        tiers=True,
    ),
    Family(
        "impression",
        "Brother",
        "CART-TONER",
        "Cartouche de toner noir, 10 000 pages (fin de série)",
        D("59.00"),
        "Toner compatible Brother en fin de série : vendu aux conditions de liquidation.",
        (("Rendement", "10 000 pages"),),
        (Variant("X", ""),),
        {"discount_class": "L", "warranty_class": "cartridges"},
    ),
    Family(
        "impression",
        "Brother",
        "BRO-TN",
        "Toner Brother d'origine",
        D("79.00"),
        "Toner d'origine Brother haute capacité.",
        (),
        _sizes(
            ("3600XL", "TN-3600XL noir, 6 000 pages", "0"),
            ("821XL-BK", "TN-821XL noir, 12 000 pages", "60"),
        ),
        {"warranty_class": "cartridges"},
    ),
    Family(
        "impression",
        "Epson",
        "EPS-T",
        "Cartouche d'encre Epson XL",
        D("42.00"),
        "Cartouche d'encre pigmentée haute capacité pour WorkForce Pro.",
        (),
        _sizes(
            ("BK", "noire", "0"), ("C", "cyan", "-4"), ("M", "magenta", "-4"), ("Y", "jaune", "-4")
        ),
        {"warranty_class": "cartridges"},
        tiers=True,
    ),
    Family(
        "impression",
        "Clairefontaine",
        "PAP-A4",
        "Papier A4 80 g (carton de 5 ramettes)",
        D("24.90"),
        "Papier blanc multifonction, certifié PEFC, pour imprimantes laser et jet d'encre. "
        "Vendu par carton de 5 ramettes de 500 feuilles.",
        (("Grammage", "80 g/m²"), ("Conditionnement", "5 × 500 feuilles")),
        extra={"warranty_class": "consumables", "lot_size": 5, "pack_multiple": 2},
        tiers=True,
    ),
    # --- logiciels et livres -------------------------------------------------------------------
    Family(
        "logiciels",
        "Microsoft",
        "MS-365",
        "Microsoft 365",
        D("118.80"),
        "Abonnement annuel par utilisateur : Word, Excel, PowerPoint, Outlook, Teams, "
        "1 To OneDrive. Licence électronique, prix net éditeur jamais remisé.",
        (("Durée", "1 an"), ("Livraison", "électronique")),
        _sizes(
            ("BB", "Business Basic, 1 an", "-46.80"),
            ("BS", "Business Standard, 1 an", "0"),
            ("BP", "Business Premium, 1 an", "145.20"),
        ),
        {"warranty_class": "software", "discount_class": "S", "stock": 9999},
        tiers=True,
    ),
    Family(
        "logiciels",
        "Microsoft",
        "MS-W11P",
        "Licence Windows 11 Professionnel",
        D("199.00"),
        "Licence de mise à niveau Windows 11 Professionnel, chiffrement BitLocker, jonction "
        "au domaine.",
        (("Livraison", "clé électronique"),),
        extra={"warranty_class": "software", "discount_class": "S", "stock": 9999},
    ),
    Family(
        "logiciels",
        "Microsoft",
        "MS-OHB24",
        "Office Famille et Petite Entreprise 2024",
        D("299.00"),
        "Licence perpétuelle pour un PC ou un Mac : Word, Excel, PowerPoint, Outlook.",
        (("Durée", "perpétuelle"),),
        extra={"warranty_class": "software", "discount_class": "S", "stock": 9999},
    ),
    Family(
        "logiciels",
        "ESET",
        "ESET-PROTECT",
        "Logiciel antivirus ESET PROTECT Entry",
        D("39.00"),
        "Protection des postes et serveurs de fichiers avec console cloud, prix par poste et "
        "par an, à partir de 5 postes.",
        (("Durée", "1 an"),),
        _sizes(("1A", "1 an", "0"), ("3A", "3 ans", "62")),
        {"warranty_class": "software", "pack_multiple": 5, "stock": 9999},
        tiers=True,
    ),
    Family(
        "logiciels",
        "Veeam",
        "VEEAM-DP",
        "Veeam Data Platform Essentials (5 instances, 1 an)",
        D("1190.00"),
        "Sauvegarde et restauration des machines virtuelles, serveurs physiques et Microsoft 365. "
        "Prix indexé sur le dollar.",
        (("Durée", "1 an"), ("Instances", "5")),
        extra={
            "warranty_class": "software",
            "is_currency_indexed": True,
            "indexed_currency": "USD",
            "stock": 9999,
        },
    ),
    Family(
        "logiciels",
        "Adobe",
        "ADB-ACRO",
        "Adobe Acrobat Pro pour équipes (1 an)",
        D("239.88"),
        "Création, signature et édition de PDF, par utilisateur et par an.",
        (("Durée", "1 an"),),
        extra={"warranty_class": "software", "stock": 9999},
    ),
    Family(
        "logiciels",
        "Éditions ENI",
        "ENI-LIVRE",
        "Livre",
        D("39.90"),
        "Ouvrage de référence en français pour les administrateurs systèmes et réseaux, "
        "exercices corrigés. Livre imprimé : TVA à taux réduit.",
        (("Éditeur", "Éditions ENI"), ("Format", "broché")),
        _sizes(
            ("WS2022", "Windows Server 2022 — administration", "0", (("Pages", "712"),)),
            (
                "LINUX",
                "Linux — maîtrisez l'administration du système",
                "-5.00",
                (("Pages", "640"),),
            ),
            ("CISCO", "Réseaux Cisco — préparation au CCNA", "5.00", (("Pages", "860"),)),
        ),
        {"warranty_class": "books"},
    ),
    # --- services ------------------------------------------------------------------------------
    Family(
        "services",
        "Services",
        "INSTALL",
        "Journée d'installation et de configuration sur site",
        D("690.00"),
        "Un technicien certifié chez vous pour une journée : installation des postes, du "
        "réseau ou des serveurs, configuration et recette avec vos équipes.",
        (("Durée", "1 jour (7 heures)"), ("Lieu", "sur site")),
        (Variant("J", ""), Variant("DJ", "(demi-journée)", D("-310.00"))),
        {"warranty_class": "service"},
    ),
    Family(
        "services",
        "Services",
        "GAR-EXT",
        "Extension de garantie sur site",
        D("89.00"),
        "Extension de la garantie du matériel avec intervention sur site le jour ouvré "
        "suivant, pièces et main-d'œuvre.",
        (("Délai d'intervention", "jour ouvré suivant"),),
        _sizes(
            ("3A-PC", "3 ans, poste ou portable", "0"),
            ("5A-PC", "5 ans, poste ou portable", "70"),
            ("3A-SRV", "3 ans, serveur", "560"),
        ),
        {"warranty_class": "service"},
        tiers=True,
    ),
    Family(
        "services",
        "Services",
        "FORM",
        "Formation",
        D("450.00"),
        "Formation en intra-entreprise par un formateur certifié, support de cours fourni, "
        "jusqu'à 8 participants.",
        (("Participants", "8 au plus"),),
        _sizes(
            ("M365", "Microsoft 365 pour les utilisateurs (1 jour)", "0"),
            ("SECU", "Sensibilisation à la cybersécurité (1/2 journée)", "-170"),
        ),
        {"warranty_class": "service"},
    ),
    Family(
        "services",
        "Services",
        "PREP-PC",
        "Préparation et masterisation d'un poste",
        D("45.00"),
        "Déballage, installation de votre image système, jonction au domaine, étiquetage et "
        "inventaire avant livraison.",
        (("Délai", "2 jours ouvrés"),),
        extra={"warranty_class": "service"},
        tiers=True,
    ),
    Family(
        "services",
        "Services",
        "DEEE",
        "Reprise et recyclage de matériel (DEEE)",
        D("15.00"),
        "Enlèvement et recyclage certifié de vos équipements en fin de vie, effacement des "
        "données avec certificat.",
        (("Certificat", "effacement et recyclage"),),
        extra={"warranty_class": "service"},
    ),
    # --- accessoires et énergie ---------------------------------------------------------------
    Family(
        "accessoires",
        "Lenovo",
        "DOCK",
        "Station d'accueil USB-C double écran",
        D("219.00"),
        "Station d'accueil universelle : charge l'ordinateur en 100 W et pilote deux moniteurs "
        "4K, Ethernet Gigabit et quatre ports USB.",
        (("Alimentation", "100 W"), ("Sorties vidéo", "2 × DisplayPort, 1 × HDMI")),
        (Variant("USBC", ""),),
        tiers=True,
    ),
    Family(
        "accessoires",
        "Dell",
        "DEL-WD22",
        "Station d'accueil Dell Thunderbolt WD22TB4",
        D("279.00"),
        "Dock Thunderbolt 4 pour un à trois écrans, 130 W pour les portables Dell.",
        (("Alimentation", "130 W"),),
        tiers=True,
    ),
    Family(
        "accessoires",
        "Logitech",
        "LOG-MX",
        "Logitech MX",
        D("99.00"),
        "Périphérique sans fil Bluetooth et récepteur Logi Bolt, rechargeable en USB-C, "
        "trois appareils appairés.",
        (("Connexion", "Bluetooth, Logi Bolt"),),
        _sizes(
            ("KEYS", "Clavier MX Keys S (AZERTY)", "0"),
            ("MASTER3S", "Souris MX Master 3S", "0"),
            ("ANYWHERE", "Souris MX Anywhere 3S", "-20"),
        ),
        tiers=True,
    ),
    Family(
        "accessoires",
        "Logitech",
        "LOG-MK",
        "Ensemble clavier et souris sans fil Logitech MK",
        D("39.00"),
        "Ensemble de bureau silencieux, clavier AZERTY français, piles fournies. Vendu par "
        "carton de 5.",
        (("Disposition", "AZERTY"),),
        _sizes(("295", "MK295 silencieux", "0"), ("540", "MK540 Advanced", "20")),
        {"pack_multiple": 5},
        tiers=True,
    ),
    Family(
        "accessoires",
        "Jabra",
        "JAB-EVOLVE",
        "Micro-casque Jabra Evolve2",
        D("129.00"),
        "Casque professionnel certifié Microsoft Teams, réduction de bruit, voyant d'occupation.",
        (("Certification", "Microsoft Teams"),),
        _sizes(
            ("40-USBC", "40 stéréo USB-C", "0"),
            ("65-BT", "65 sans fil Bluetooth", "90"),
            ("85-BT", "85 ANC sans fil", "240"),
        ),
        tiers=True,
    ),
    Family(
        "accessoires",
        "APC",
        "APC-SMT",
        "Onduleur APC Smart-UPS line-interactive",
        D("389.00"),
        "Onduleur pour serveurs et baies réseau : régulation de tension, batterie remplaçable à "
        "chaud, carte réseau en option.",
        (("Technologie", "line-interactive"),),
        _sizes(
            ("1500", "1500 VA tour", "0"),
            ("2200", "2200 VA rack 2U", "540"),
            ("3000", "3000 VA rack 2U", "880"),
        ),
        {"eco_tax_ht": D("1.00")},
    ),
    Family(
        "accessoires",
        "APC",
        "ONDULEUR",
        "Onduleur 1500 VA line-interactive",
        D("389.00"),
        "Onduleur pour un poste de travail et son écran, ou un petit serveur.",
        (("Puissance", "1500 VA / 1000 W"),),
        (Variant("1500", ""),),
        {"eco_tax_ht": D("1.00")},
    ),
    Family(
        "accessoires",
        "Targus",
        "TRG-SAC",
        "Sacoche pour ordinateur portable Targus",
        D("39.00"),
        "Sacoche matelassée avec compartiment pour portable et poche pour accessoires.",
        (),
        _sizes(("14", "14 pouces", "0"), ("16", "16 pouces", "8")),
        {"discount_class": "L"},
        tiers=True,
    ),
    Family(
        "accessoires",
        "Belkin",
        "BLK-USBC",
        "Câble USB-C vers USB-C 100 W 2 m",
        D("19.90"),
        "Câble de charge et de données USB 3.2, gaine tressée.",
        (("Puissance", "100 W"),),
        extra={"warranty_class": "consumables", "pack_multiple": 10},
        tiers=True,
    ),
    # --- mobilier ------------------------------------------------------------------------------
    Family(
        "mobilier",
        "Assemblage maison",
        "BUREAU",
        "Bureau technicien",
        D("640.00"),
        "Bureau d'atelier fabriqué dans nos ateliers : plateau antistatique, goulotte de câbles, "
        "pieds réglables. Livré en palette : à commander séparément.",
        (("Plateau", "antistatique"),),
        _sizes(("180", "180 × 80 cm, plateau antistatique", "0"), ("140", "140 × 80 cm", "-90")),
        {
            "order_separately": True,
            "packaging_ht": D("25.00"),
            "is_own_product": True,
            "eco_tax_ht": D("6.00"),
        },
    ),
    Family(
        "mobilier",
        "Steelcase",
        "STC-SERIES2",
        "Fauteuil de bureau ergonomique Steelcase Series 2",
        D("489.00"),
        "Siège ergonomique avec soutien lombaire réglable, accoudoirs 4D, garantie constructeur "
        "12 ans.",
        (("Réglages", "hauteur, profondeur, lombaires, accoudoirs 4D"),),
        extra={"order_separately": True, "manufacturer_warranty": True, "eco_tax_ht": D("3.00")},
    ),
    Family(
        "mobilier",
        "Kimex",
        "KMX-BUREAU",
        "Bureau assis-debout électrique",
        D("429.00"),
        "Bureau à hauteur réglable électrique, double moteur, quatre mémoires de position.",
        (("Hauteur", "62 à 127 cm"),),
        _sizes(("140", "140 × 70 cm", "0"), ("160", "160 × 80 cm", "60")),
        {"order_separately": True, "packaging_ht": D("19.00"), "eco_tax_ht": D("6.00")},
    ),
    Family(
        "mobilier",
        "Digitus",
        "DIG-BAIE",
        'Armoire réseau 19" sur pied',
        D("690.00"),
        "Baie de brassage 19 pouces, porte vitrée verrouillable, panneaux latéraux amovibles, "
        "livrée montée.",
        (("Profondeur", "800 mm"),),
        _sizes(("22U", "22U", "-240"), ("42U", "42U", "0")),
        {"order_separately": True, "packaging_ht": D("35.00")},
    ),
    Family(
        "mobilier",
        "Digitus",
        "DIG-COFFRET",
        'Coffret réseau mural 19" 9U',
        D("189.00"),
        "Coffret mural pour un petit bureau : switch, panneau de brassage et onduleur.",
        (("Hauteur", "9U"),),
        tiers=True,
    ),
    # --- consoles et jeux ----------------------------------------------------------------------
    Family(
        "jeux",
        "Sony",
        "CONSOLE",
        "Console de salon",
        D("399.00"),
        "Console pour l'espace détente de vos équipes. Prix net, jamais remisé ; compte pour le "
        "seuil de franco de port « avec consoles ».",
        (),
        (
            Variant("PS5", "PS5 Slim 1 To (espace détente)", D("0"), (("Stockage", "1 To"),)),
            Variant("PS5PRO", "PS5 Pro 2 To", D("400.00"), (("Stockage", "2 To"),)),
        ),
        {"is_console": True, "discount_class": "S"},
    ),
    Family(
        "jeux",
        "Microsoft",
        "XBX",
        "Console Xbox Series",
        D("299.00"),
        "Console Xbox pour l'espace détente. Prix net, jamais remisé.",
        (),
        _sizes(("S-512", "S 512 Go", "0"), ("X-1T", "X 1 To", "200")),
        {"is_console": True, "discount_class": "S"},
    ),
    Family(
        "jeux",
        "Nintendo",
        "NSW2",
        "Console Nintendo Switch 2",
        D("389.00"),
        "Console portable et de salon pour les moments de détente. Prix net, jamais remisé.",
        (("Écran", '7,9" LCD'),),
        extra={"is_console": True, "discount_class": "S", "stock": 0},
    ),
    Family(
        "jeux",
        "Sony",
        "SONY-DS",
        "Manette sans fil DualSense",
        D("59.00"),
        "Manette officielle avec retour haptique.",
        (),
        tiers=True,
    ),
    Family(
        "jeux",
        "Ubisoft",
        "JEU",
        "Jeu vidéo",
        D("49.00"),
        "Jeu vidéo en boîte pour l'espace détente. Jeu vidéo : garantie limitée au "
        "remplacement d'un disque illisible.",
        (("Classification", "PEGI 12"),),
        _sizes(
            ("FIFA", "EA Sports FC 25 (PS5)", "0"),
            ("MARIO", "Mario Kart World (Switch 2)", "30"),
            ("FORZA", "Forza Horizon 5 (Xbox)", "-10"),
        ),
        {"warranty_class": "video_games"},
    ),
    # --- more of the range ---------------------------------------------------------------------
    Family(
        "postes",
        "Lenovo",
        "LEN-NEO50S",
        "Lenovo ThinkCentre neo 50s Gen 4 SFF",
        D("579.00"),
        DESKTOP_DESCRIPTION.format(form="petit format"),
        (("Format", "Small Form Factor"), ("Système", "Windows 11 Pro")),
        _configs(
            (("I3", "Core i3-13100", D("0")), ("I5", "Core i5-13400", D("120"))),
            MEM_16_32,
            SSD_512_1T[:1],
        ),
        {"eco_tax_ht": D("0.84")},
        tiers=True,
    ),
    Family(
        "ordinateurs",
        "Lenovo",
        "LEN-E16G2",
        'Lenovo ThinkPad E16 Gen 2 16"',
        D("899.00"),
        LAPTOP_DESCRIPTION.format(size="16 pouces", screen="WUXGA IPS"),
        (("Écran", '16" WUXGA IPS'), ("Poids", "1,77 kg"), ("Pavé numérique", "oui")),
        _configs(INTEL_U, MEM_16_32, SSD_512_1T[:1]),
        {"eco_tax_ht": D("0.42")},
        tiers=True,
    ),
    Family(
        "ordinateurs",
        "HP",
        "HP-PB440",
        'HP ProBook 440 G11 14"',
        D("829.00"),
        LAPTOP_DESCRIPTION.format(size="14 pouces", screen="Full HD IPS"),
        (("Écran", '14" Full HD IPS'), ("Poids", "1,38 kg")),
        _configs(INTEL_U, MEM_16_32, SSD_512_1T[:1]),
        {"eco_tax_ht": D("0.42")},
        tiers=True,
    ),
    Family(
        "ecrans",
        "Dell",
        "DEL-P",
        "Écran Dell Série P",
        D("219.00"),
        MONITOR_DESCRIPTION.format(size="27 à 34 pouces", panel="IPS", extra=""),
        (("Connectique", "HDMI, DP, USB-C"),),
        _sizes(
            ("2725H", 'P2725H 27" Full HD', "0", (("Définition", "1920 × 1080"),)),
            ("2725HE", 'P2725HE 27" Full HD USB-C RJ45', "90", (("Définition", "1920 × 1080"),)),
            ("3424WE", 'P3424WE 34" incurvé WQHD', "370", (("Définition", "3440 × 1440"),)),
        ),
        {"warranty_class": "monitor", "eco_tax_ht": D("2.50")},
        tiers=True,
    ),
    Family(
        "ecrans",
        "BenQ",
        "BNQ-PD2706U",
        'Moniteur BenQ PD2706U 27" 4K pour designers',
        D("549.00"),
        MONITOR_DESCRIPTION.format(size="27 pouces", panel="IPS", extra="100 % sRGB, mode CAO."),
        (("Définition", "3840 × 2160"), ("USB-C", "90 W")),
        extra={"warranty_class": "monitor", "eco_tax_ht": D("2.50")},
    ),
    Family(
        "ecrans",
        "AOC",
        "AOC-24P3",
        'Écran AOC 24P3CV 24" USB-C',
        D("179.00"),
        MONITOR_DESCRIPTION.format(size="24 pouces", panel="IPS", extra=""),
        (("Définition", "1920 × 1080"), ("USB-C", "65 W")),
        extra={"warranty_class": "monitor", "eco_tax_ht": D("2.50"), "discount_class": "L"},
        tiers=True,
    ),
    Family(
        "reseau",
        "Cisco",
        "CIS-C9200",
        "Commutateur Cisco Catalyst 9200L",
        D("2190.00"),
        "Commutateur d'accès empilable de niveau 3 pour les campus, licence Network Essentials "
        "incluse, alimentation PoE+ pour bornes et téléphones.",
        (("Administration", "Web, CLI, DNA Center"), ("Empilable", "oui")),
        _sizes(("24P", "24 ports PoE+, 4 × SFP+", "0"), ("48P", "48 ports PoE+, 4 × SFP+", "1690")),
        {"manufacturer_warranty": True},
    ),
    Family(
        "reseau",
        "HPE Aruba",
        "ARU-1930",
        "Switch HPE Aruba Instant On 1930",
        D("229.00"),
        "Switch administrable depuis l'application Instant On, sans abonnement, pour les "
        "petites entreprises.",
        (("Administration", "application mobile ou web"),),
        _sizes(
            ("8G", "8 ports Gigabit PoE", "0"),
            ("24G", "24 ports Gigabit PoE", "290"),
            ("48G", "48 ports Gigabit PoE", "690"),
        ),
        tiers=True,
    ),
    Family(
        "reseau",
        "Ubiquiti",
        "UBQ-U6P",
        "Borne Wi-Fi 6 Ubiquiti UniFi U6+",
        D("119.00"),
        "Point d'accès Wi-Fi 6 double bande au plafond, alimenté en PoE. Prix indexé sur le "
        "dollar.",
        (("Norme", "Wi-Fi 6 (802.11ax)"),),
        extra={"is_currency_indexed": True, "indexed_currency": "USD"},
        tiers=True,
    ),
    Family(
        "reseau",
        "Cisco",
        "SFP-10G",
        "Module optique SFP+ 10 Gbit/s",
        D("89.00"),
        "Émetteur-récepteur optique enfichable. Électronique nue : à manipuler avec précaution.",
        (("Connecteur", "LC duplex"),),
        _sizes(("SR", "SR multimode 300 m", "0"), ("LR", "LR monomode 10 km", "110")),
        {"warranty_class": "bare_electronics"},
        tiers=True,
    ),
    Family(
        "reseau",
        "Dexlan",
        "PP-24",
        "Panneau de brassage 24 ports Cat 6A blindé 1U",
        D("79.00"),
        "Panneau de brassage pour baie 19 pouces, connecteurs blindés, guide-câbles arrière.",
        (("Hauteur", "1U"),),
    ),
    Family(
        "accessoires",
        "Logitech",
        "LOG-BRIO",
        "Webcam Logitech Brio",
        D("99.00"),
        "Webcam pour la visioconférence, correction de la lumière, obturateur de confidentialité.",
        (("Certification", "Microsoft Teams, Zoom"),),
        _sizes(("300", "300 Full HD", "-40"), ("505", "505 Full HD", "0"), ("4K", "4K Pro", "110")),
        tiers=True,
    ),
    Family(
        "accessoires",
        "Ergotron",
        "ERG-LX",
        "Bras pour écran Ergotron LX",
        D("189.00"),
        "Bras articulé pour un ou deux écrans jusqu'à 34 pouces, fixation par pince ou "
        "passe-câble.",
        (("Charge", "jusqu'à 11,3 kg"),),
        _sizes(("SIMPLE", "simple", "0"), ("DOUBLE", "double", "160")),
    ),
    Family(
        "accessoires",
        "3M",
        "3M-PF",
        "Filtre de confidentialité 3M pour portable",
        D("49.00"),
        "Filtre anti-regard magnétique : l'écran n'est lisible que de face.",
        (),
        _sizes(("14", "14 pouces 16:10", "0"), ("16", "16 pouces 16:10", "8")),
        {"discount_class": "L"},
    ),
    Family(
        "accessoires",
        "Belkin",
        "BLK-ADAPT",
        "Adaptateur USB-C Belkin",
        D("24.90"),
        "Adaptateur compact pour relier un portable USB-C à un écran ou au réseau.",
        (),
        _sizes(
            ("HDMI", "vers HDMI 4K", "0"),
            ("RJ45", "vers Ethernet Gigabit", "5"),
            ("MULTI", "multiport 7-en-1", "35"),
        ),
        {"pack_multiple": 5},
        tiers=True,
    ),
    Family(
        "accessoires",
        "Anker",
        "ANK-100W",
        "Chargeur USB-C GaN 100 W",
        D("59.00"),
        "Chargeur compact à trois ports pour portable, téléphone et tablette.",
        (("Puissance", "100 W"),),
        tiers=True,
    ),
    Family(
        "stockage",
        "Samsung",
        "SAM-T7",
        "SSD externe Samsung T7 USB 3.2",
        D("89.00"),
        "SSD de poche résistant aux chocs, jusqu'à 1 050 Mo/s, câbles USB-C et USB-A fournis.",
        (("Interface", "USB 3.2 Gen 2"),),
        _sizes(("1T", "1 To", "0"), ("2T", "2 To", "80"), ("4T", "4 To", "250")),
        {"manufacturer_warranty": True},
        tiers=True,
    ),
    Family(
        "stockage",
        "Western Digital",
        "WD-PURPLE",
        "Disque dur de vidéosurveillance WD Purple",
        D("89.00"),
        "Disque dur pour enregistreurs de vidéosurveillance fonctionnant 24 h/24.",
        (("Format", '3,5" SATA'),),
        _sizes(("4T", "4 To", "0"), ("8T", "8 To", "110"), ("12T", "12 To", "220")),
        {"manufacturer_warranty": True},
    ),
    Family(
        "impression",
        "Brother",
        "BRO-DR",
        "Tambour Brother d'origine",
        D("99.00"),
        "Unité tambour d'origine, 50 000 pages. Consommable.",
        (("Rendement", "50 000 pages"),),
        _sizes(("3600", "DR-3600", "0"), ("821CL", "DR-821CL couleur", "80")),
        {"warranty_class": "consumables"},
    ),
    Family(
        "impression",
        "Brother",
        "BRO-QL820",
        "Imprimante d'étiquettes Brother QL-820NWB",
        D("189.00"),
        "Imprimante d'étiquettes réseau pour l'expédition et l'inventaire, Wi-Fi et Bluetooth.",
        (("Largeur", "jusqu'à 62 mm"),),
        extra={"eco_tax_ht": D("0.50")},
    ),
    Family(
        "impression",
        "Epson",
        "EPS-DS770",
        "Scanner de documents Epson WorkForce DS-770 II",
        D("549.00"),
        "Scanner recto verso à chargeur de 100 feuilles, 45 pages par minute, numérisation vers "
        "PDF interrogeable.",
        (("Vitesse", "45 ppm"),),
        extra={"eco_tax_ht": D("0.50")},
    ),
    Family(
        "impression",
        "HP",
        "HP-TONER-410",
        "Toner HP 410X haute capacité",
        D("159.00"),
        "Toner d'origine pour Color LaserJet Pro. Cartouche.",
        (("Rendement", "6 500 pages (noir)"),),
        _sizes(
            ("BK", "noir", "0"), ("C", "cyan", "40"), ("M", "magenta", "40"), ("Y", "jaune", "40")
        ),
        {"warranty_class": "cartridges"},
        tiers=True,
    ),
    Family(
        "mobilier",
        "Kimex",
        "KMX-CAISSON",
        "Caisson mobile 3 tiroirs",
        D("159.00"),
        "Caisson à roulettes verrouillable, tiroir pour dossiers suspendus.",
        (("Tiroirs", "3"),),
        extra={"order_separately": True, "eco_tax_ht": D("2.00")},
    ),
    Family(
        "mobilier",
        "Fellowes",
        "FEL-REPOSE",
        "Repose-pieds ergonomique réglable",
        D("39.00"),
        "Repose-pieds inclinable pour une bonne posture au poste de travail.",
        (),
        extra={"eco_tax_ht": D("0.30")},
        tiers=True,
    ),
    Family(
        "logiciels",
        "Microsoft",
        "MS-WS2025",
        "Windows Server 2025 Standard (16 cœurs)",
        D("1090.00"),
        "Licence serveur pour 16 cœurs, deux machines virtuelles. Licences d'accès client (CAL) "
        "vendues séparément. Prix net éditeur.",
        (("Cœurs", "16"),),
        extra={"warranty_class": "software", "discount_class": "S", "stock": 9999},
    ),
    Family(
        "logiciels",
        "Microsoft",
        "MS-CAL",
        "Windows Server 2025 CAL utilisateur (lot de 5)",
        D("229.00"),
        "Cinq licences d'accès client par utilisateur pour Windows Server 2025.",
        (("Licences", "5 utilisateurs"),),
        extra={"warranty_class": "software", "discount_class": "S", "lot_size": 5, "stock": 9999},
    ),
    Family(
        "services",
        "Services",
        "INFOG",
        "Infogérance du parc",
        D("25.00"),
        "Supervision, mises à jour et assistance à distance, par poste et par mois.",
        (("Assistance", "jours ouvrés, 8 h – 18 h"),),
        _sizes(("POSTE", "par poste et par mois", "0"), ("SRV", "par serveur et par mois", "65")),
        {"warranty_class": "service", "stock": 9999},
        tiers=True,
    ),
    Family(
        "services",
        "Services",
        "AUDIT-SECU",
        "Audit de sécurité du système d'information",
        D("2400.00"),
        "Trois jours d'audit : configuration du pare-feu, des postes et des sauvegardes, "
        "rapport et plan d'action.",
        (("Durée", "3 jours"),),
        extra={"warranty_class": "service"},
    ),
)

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


def _stock(reference: str) -> int:
    """A stock level that looks real and is the same on every load: one product in nine
    is out of stock (ordered on backorder), the others hold 1 to 120 units."""
    draw = zlib.crc32(reference.encode())
    return 0 if draw % 9 == 0 else draw % 120 + 1


def demo_products() -> list[DemoProduct]:
    """Every product of the demo catalogue, in a fixed order."""
    products = []
    for family in FAMILIES:
        for variant in family.variants:
            extra = {**family.extra, **variant.extra}
            brand = extra.pop("brand", family.brand)
            stock = extra.pop("stock", None)
            reference = "-".join(part for part in (family.code, variant.code) if part)
            price = family.price + variant.price_delta
            designation = " ".join(part for part in (family.name, variant.label) if part)
            products.append(
                DemoProduct(
                    reference=reference,
                    designation=designation,
                    brand=brand,
                    category=family.category,
                    price_ht=price,
                    stock=_stock(reference) if stock is None else stock,
                    description=family.description,
                    specifications=[
                        ["Marque", brand],
                        *([label, value] for label, value in family.specs + variant.specs),
                    ],
                    tiers=tuple((n, round_cents(price * share)) for n, share in TIER_STEPS)
                    if family.tiers
                    else (),
                    extra=extra,
                )
            )
    return products
