"""A local HTTP server that answers like the EU VIES SOAP service (its WSDL and its
`checkVat` operation), for testing the VIES adapter without reaching the Commission.

`REGISTRY` maps a VAT number (with its country prefix) to what VIES would say; a number
listed in `FAULTS` gets that SOAP fault; `SLOW` numbers are answered after `delay`
seconds (longer than the adapter's timeout).
"""

from __future__ import annotations

import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

TYPES_NS = "urn:ec.europa.eu:taxud:vies:services:checkVat:types"

WSDL = """<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
    xmlns:wsdlsoap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xsd="http://www.w3.org/2001/XMLSchema"
    xmlns:impl="urn:ec.europa.eu:taxud:vies:services:checkVat"
    xmlns:tns1="{types}"
    targetNamespace="urn:ec.europa.eu:taxud:vies:services:checkVat">
  <wsdl:types>
    <xsd:schema elementFormDefault="qualified" targetNamespace="{types}">
      <xsd:element name="checkVat"><xsd:complexType><xsd:sequence>
        <xsd:element name="countryCode" type="xsd:string"/>
        <xsd:element name="vatNumber" type="xsd:string"/>
      </xsd:sequence></xsd:complexType></xsd:element>
      <xsd:element name="checkVatResponse"><xsd:complexType><xsd:sequence>
        <xsd:element name="countryCode" type="xsd:string"/>
        <xsd:element name="vatNumber" type="xsd:string"/>
        <xsd:element name="requestDate" type="xsd:date"/>
        <xsd:element name="valid" type="xsd:boolean"/>
        <xsd:element name="name" type="xsd:string" minOccurs="0" nillable="true"/>
        <xsd:element name="address" type="xsd:string" minOccurs="0" nillable="true"/>
      </xsd:sequence></xsd:complexType></xsd:element>
    </xsd:schema>
  </wsdl:types>
  <wsdl:message name="checkVatRequest">
    <wsdl:part name="parameters" element="tns1:checkVat"/>
  </wsdl:message>
  <wsdl:message name="checkVatResponse">
    <wsdl:part name="parameters" element="tns1:checkVatResponse"/>
  </wsdl:message>
  <wsdl:portType name="checkVatPortType">
    <wsdl:operation name="checkVat">
      <wsdl:input name="checkVatRequest" message="impl:checkVatRequest"/>
      <wsdl:output name="checkVatResponse" message="impl:checkVatResponse"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="checkVatBinding" type="impl:checkVatPortType">
    <wsdlsoap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="checkVat">
      <wsdlsoap:operation soapAction=""/>
      <wsdl:input name="checkVatRequest"><wsdlsoap:body use="literal"/></wsdl:input>
      <wsdl:output name="checkVatResponse"><wsdlsoap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="checkVatService">
    <wsdl:port name="checkVatPort" binding="impl:checkVatBinding">
      <wsdlsoap:address location="{location}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"""

ENVELOPE = (
    '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/">'
    "<env:Header/><env:Body>{body}</env:Body></env:Envelope>"
)
RESPONSE = (
    '<ns2:checkVatResponse xmlns:ns2="{types}">'
    "<ns2:countryCode>{country}</ns2:countryCode><ns2:vatNumber>{number}</ns2:vatNumber>"
    "<ns2:requestDate>2026-11-30+01:00</ns2:requestDate><ns2:valid>{valid}</ns2:valid>"
    "<ns2:name>{name}</ns2:name><ns2:address>{address}</ns2:address>"
    "</ns2:checkVatResponse>"
)
FAULT = "<env:Fault><faultcode>env:Server</faultcode><faultstring>{code}</faultstring></env:Fault>"


class FakeVies:
    def __init__(self, *, registry=None, faults=None, slow=(), delay=3.0):
        self.registry = registry or {}
        self.faults = faults or {}
        self.slow = set(slow)
        self.delay = delay
        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.wsdl_url = f"{self.url}/checkVatService.wsdl"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, body: str) -> tuple[int, str]:
        country = re.search(r"countryCode>([^<]*)<", body).group(1)
        number = re.search(r"vatNumber>([^<]*)<", body).group(1)
        vat = country + number
        self.requests.append(vat)
        if vat in self.slow:
            time.sleep(self.delay)
        if vat in self.faults:
            return 500, ENVELOPE.format(body=FAULT.format(code=self.faults[vat]))
        name, address = self.registry.get(vat, ("---", "---"))
        response = RESPONSE.format(
            types=TYPES_NS,
            country=country,
            number=number,
            valid="true" if vat in self.registry else "false",
            name=escape(name),
            address=escape(address),
        )
        return 200, ENVELOPE.format(body=response)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                location = f"{fake.url}/taxation_customs/vies/services/checkVatService"
                self._send(200, WSDL.format(types=TYPES_NS, location=location))

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                status, text = fake.answer(self.rfile.read(length).decode())
                self._send(status, text)

            def _send(self, status, text):
                data = text.encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "text/xml; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout test)

            def log_message(self, format, *args):
                pass

        return Handler
