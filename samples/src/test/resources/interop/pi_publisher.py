"""A Raspberry Pi publisher in Python: sends 0 to 4 to raspberry/topic, waits until the broker has each one, and
disconnects.

Usage: pi_publisher.py HOST PORT CLIENT_ID QOS [CA_FILE]
With CA_FILE it connects over TLS and trusts the broker certificates in that PEM file.
"""
import sys

import paho.mqtt.client as mqtt


def new_client(client_id):
    # paho-mqtt 2 wants the callback API version first; 1.x does not know it.
    if hasattr(mqtt, "CallbackAPIVersion"):
        return mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id)
    return mqtt.Client(client_id=client_id)


def main():
    host, port, client_id, qos = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    client = new_client(client_id)
    if len(sys.argv) > 5:
        client.tls_set(ca_certs=sys.argv[5])
    client.connect(host, port, 60)
    client.loop_start()
    for number in range(5):
        client.publish("raspberry/topic", payload=str(number), qos=qos).wait_for_publish()
        print(f"send {number} to raspberry/topic", flush=True)
    client.disconnect()
    client.loop_stop()


if __name__ == "__main__":
    main()
